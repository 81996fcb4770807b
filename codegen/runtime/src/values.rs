//! What a builder's setter of a collection property takes: [`IntoValues`].

use ::std::collections::{BTreeSet, HashSet, VecDeque};

/// The values of a collection property, as its builder setter takes them:
///
/// - a `Vec<T>`, so that `vec![]` and `Vec::new()` need no type annotation (the docs' own
///   `"removeLicenses": []` is `.remove_licenses(vec![])`);
/// - an array, a slice, a `&Vec`, a `VecDeque` or a set of anything `Into<T>`
///   (`.other_mails(["a@contoso.com", "b@contoso.com"])` for a `Vec<String>`);
/// - the usual iterators of anything `Into<T>`: `into_iter()` and `iter()` of the collections
///   above and of maps' keys and values, `map`, `filter`, `filter_map`, `cloned`, `copied`,
///   `chain`, `take`, `skip`, `rev`, `peekable`, `flatten`, `flat_map`, `once`, `empty`, and
///   `str::split` (by a `char` or a `&str`), `split_whitespace`, `lines`.
///
/// Any other iterator: `.collect::<Vec<T>>()` first. (A blanket implementation for every iterator
/// would make `vec![]` ambiguous: Rust could not tell the element type.)
#[diagnostic::on_unimplemented(
    message = "a collection setter takes a `Vec<{T}>`, an array, slice or set of values `Into<{T}>`, or a usual iterator of them, not `{Self}`",
    note = "collect other iterators first: `.collect::<Vec<{T}>>()`; a `Vec` of another type (`Vec<&str>` for `Vec<String>`) converts as an array or `iter()` does"
)]
pub trait IntoValues<T> {
    /// The values, in order.
    fn into_values(self) -> Vec<T>;
}

impl<T> IntoValues<T> for Vec<T> {
    #[inline]
    fn into_values(self) -> Vec<T> {
        self
    }
}

impl<T, E: Into<T>, const N: usize> IntoValues<T> for [E; N] {
    fn into_values(self) -> Vec<T> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T, E: Clone + Into<T>, const N: usize> IntoValues<T> for &[E; N] {
    fn into_values(self) -> Vec<T> {
        self.iter().cloned().map(Into::into).collect()
    }
}

impl<T, E: Clone + Into<T>> IntoValues<T> for &[E] {
    fn into_values(self) -> Vec<T> {
        self.iter().cloned().map(Into::into).collect()
    }
}

impl<T, E: Clone + Into<T>> IntoValues<T> for &Vec<E> {
    fn into_values(self) -> Vec<T> {
        self.iter().cloned().map(Into::into).collect()
    }
}

/// Collections that are not iterators themselves.
macro_rules! collections {
    ($($collection:ty => [$($generics:tt)*]),* $(,)?) => {
        $(impl<$($generics)*, T> IntoValues<T> for $collection
        where
            $collection: IntoIterator,
            <$collection as IntoIterator>::Item: Into<T>,
        {
            fn into_values(self) -> Vec<T> {
                self.into_iter().map(Into::into).collect()
            }
        })*
    };
}

collections! {
    VecDeque<E> => [E],
    BTreeSet<E> => [E],
    HashSet<E, S> => [E, S],
}

/// Iterators of the standard library that an `impl` can name, each of anything `Into<T>`.
macro_rules! iterators {
    ($($iterator:ty => [$($generics:tt)*]),* $(,)?) => {
        $(impl<$($generics)*, T> IntoValues<T> for $iterator
        where
            $iterator: Iterator,
            <$iterator as Iterator>::Item: Into<T>,
        {
            fn into_values(self) -> Vec<T> {
                self.map(Into::into).collect()
            }
        })*
    };
}

iterators! {
    ::std::vec::IntoIter<E> => [E],
    ::std::slice::Iter<'a, E> => ['a, E],
    ::std::array::IntoIter<E, N> => [E, const N: usize],
    ::std::collections::vec_deque::IntoIter<E> => [E],
    ::std::collections::vec_deque::Iter<'a, E> => ['a, E],
    ::std::collections::btree_set::IntoIter<E> => [E],
    ::std::collections::btree_set::Iter<'a, E> => ['a, E],
    ::std::collections::hash_set::IntoIter<E> => [E],
    ::std::collections::hash_set::Iter<'a, E> => ['a, E],
    ::std::collections::btree_map::Keys<'a, K, V> => ['a, K, V],
    ::std::collections::btree_map::Values<'a, K, V> => ['a, K, V],
    ::std::collections::btree_map::IntoKeys<K, V> => [K, V],
    ::std::collections::btree_map::IntoValues<K, V> => [K, V],
    ::std::collections::hash_map::Keys<'a, K, V> => ['a, K, V],
    ::std::collections::hash_map::Values<'a, K, V> => ['a, K, V],
    ::std::collections::hash_map::IntoKeys<K, V> => [K, V],
    ::std::collections::hash_map::IntoValues<K, V> => [K, V],
    ::std::iter::Map<I, F> => [I, F],
    ::std::iter::Filter<I, P> => [I, P],
    ::std::iter::FilterMap<I, F> => [I, F],
    ::std::iter::Cloned<I> => [I],
    ::std::iter::Copied<I> => [I],
    ::std::iter::Chain<A, B> => [A, B],
    ::std::iter::Take<I> => [I],
    ::std::iter::Skip<I> => [I],
    ::std::iter::Rev<I> => [I],
    ::std::iter::Peekable<I> => [I: Iterator],
    ::std::iter::Flatten<I> => [I: Iterator<Item: IntoIterator>],
    ::std::iter::FlatMap<I, U, F> => [I: Iterator, U: IntoIterator, F],
    ::std::iter::Once<E> => [E],
    ::std::iter::Empty<E> => [E],
    ::std::str::Split<'a, char> => ['a],
    ::std::str::Split<'a, &'b str> => ['a, 'b],
    ::std::str::SplitWhitespace<'a> => ['a],
    ::std::str::Lines<'a> => ['a],
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::collections::BTreeMap;

    fn strings(values: impl IntoValues<String>) -> Vec<String> {
        values.into_values()
    }

    #[test]
    // The borrowed forms are what is under test.
    #[allow(clippy::needless_borrows_for_generic_args)]
    fn a_setter_takes_what_users_write() {
        assert_eq!(strings(vec![]), Vec::<String>::new(), "`vec![]` needs no annotation");
        assert_eq!(strings(Vec::new()), Vec::<String>::new());
        assert_eq!(strings(vec!["a".to_owned()]), ["a"]);
        assert_eq!(strings(["a", "b"]), ["a", "b"]);
        assert_eq!(strings(&["a", "b"]), ["a", "b"]);
        let owned = vec!["c".to_owned(), "d".to_owned()];
        assert_eq!(strings(&owned), ["c", "d"]);
        assert_eq!(strings(&owned[..1]), ["c"]);
        assert_eq!(strings(owned.iter()), ["c", "d"]);
        assert_eq!(strings(owned.iter().map(|s| s.to_uppercase())), ["C", "D"]);
        assert_eq!(strings(owned.iter().filter(|s| *s == "d")), ["d"]);
        assert_eq!(strings(owned.clone().into_iter().rev()), ["d", "c"]);
        assert_eq!(strings(["x"].into_iter().chain(["y"])), ["x", "y"]);
        assert_eq!(strings("a,b".split(',')), ["a", "b"]);
        assert_eq!(strings(BTreeSet::from(["z", "y"])), ["y", "z"]);
        assert_eq!(strings(BTreeMap::from([("k", 1)]).into_keys()), ["k"]);
        assert_eq!(strings(::std::iter::once("o")), ["o"]);
        let numbers: Vec<i64> = IntoValues::into_values([1_i32, 2]);
        assert_eq!(numbers, [1, 2], "any `Into<T>`");
    }
}
