//! Which fields need a `Box`: a field whose type can contain its owner again would make an
//! infinitely large type.

use std::collections::{BTreeMap, BTreeSet};

use super::{Resolved, TypeRef};

impl<'a> Resolved<'a> {
    /// The (container, contained) pairs of struct types that must be boxed: a field of a struct
    /// type that is not a collection and whose type can contain the field's owner again (a
    /// cycle), which would otherwise make an infinitely large type.
    ///
    /// The target of an edge reaches its owner again exactly when both are in one strongly
    /// connected component, so one pass of Tarjan's algorithm finds every such edge.
    pub fn boxed_edges(&self) -> BTreeSet<(&str, &str)> {
        let nodes: Vec<&str> = self.fields.keys().map(String::as_str).collect();
        let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, node)| (*node, i)).collect();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (owner, fields) in &self.fields {
            let from = index_of[owner.as_str()];
            for field in fields {
                if let (TypeRef::Named(target), false) = (&field.ty, field.collection)
                    && let Some(&to) = index_of.get(target.as_str())
                    && !edges[from].contains(&to)
                {
                    edges[from].push(to);
                }
            }
        }
        let component = strongly_connected_components(&edges);
        let mut boxed = BTreeSet::new();
        for (from, targets) in edges.iter().enumerate() {
            for &to in targets {
                if component[from] == component[to] {
                    boxed.insert((nodes[from], nodes[to]));
                }
            }
        }
        boxed
    }
}

/// The strongly connected component of each node of a directed graph (Tarjan's algorithm,
/// iterative so that a long chain of types cannot overflow the stack).
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut work = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;
    #[test]
    fn components_group_exactly_the_nodes_on_a_common_cycle() {
        // 0 ⇄ 1 → 2 → 2 (a self-reference), 3 → 0, 4 alone.
        let edges = vec![vec![1], vec![0, 2], vec![2], vec![0], vec![]];
        let component = strongly_connected_components(&edges);
        assert_eq!(component[0], component[1]);
        for (a, b) in [(0, 2), (0, 3), (0, 4), (2, 3), (2, 4), (3, 4)] {
            assert_ne!(component[a], component[b], "{a} and {b}");
        }
    }

    #[test]
    fn components_of_a_long_chain_do_not_overflow_the_stack() {
        let count = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..count).map(|i| vec![i + 1]).collect();
        edges[count - 1] = vec![0];
        let component = strongly_connected_components(&edges);
        assert!(component.iter().all(|&c| c == component[0]), "one cycle through every node");
    }
}
