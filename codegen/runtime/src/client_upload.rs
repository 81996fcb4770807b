//! Large-file upload with the async client (cargo feature `client`): drives a
//! [`ChunkedUpload`] from bytes in memory or from a reader, without sending the token to the
//! upload host, resuming after a failed chunk where the session says.

#![cfg(feature = "client")]

use ::core::ops::Range;
use ::std::io::{Read, Seek, SeekFrom};

use ::serde::de::DeserializeOwned;

use super::{ChunkedUpload, Client, Error, UploadProgress, UploadStep};

impl Client {
    /// Uploads `data` (all of the upload's bytes) to the session of `upload`, chunk by chunk, and
    /// returns the item it created (the generated `DriveItem`, say). `progress` is called after
    /// every chunk the session took, and after a resume with what the session has.
    ///
    /// The upload URL is pre-authenticated: no `Authorization` header is sent to it, whatever
    /// its host. After a failed chunk (a transport error or timeout, a 5xx, `429` or `416`), the
    /// session is asked for its status (`GET uploadUrl`) and the upload resumes from its first
    /// `nextExpectedRanges`, waiting as the client's [`RetryPolicy`](super::RetryPolicy) says
    /// (or as `Retry-After` asks); the retries count failures since the last chunk that was
    /// taken.
    ///
    /// # Errors
    ///
    /// When `data` is not as long as the upload; the session's error for any other failure (an
    /// expired session is `404`); the last failure when the retries are used up.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        upload: ChunkedUpload<T>,
        data: &[u8],
        progress: impl FnMut(UploadProgress),
    ) -> Result<T, Error> {
        let total = upload.progress().total;
        if data.len() as u64 != total {
            return Err(Error::InvalidRequest(format!(
                "the upload is of {total} bytes and {} bytes were given to it",
                data.len()
            )));
        }
        let read = |range: Range<u64>, chunk: &mut Vec<u8>| {
            // Within `total`, which is `data.len()`: the conversions cannot fail.
            let range = usize::try_from(range.start).unwrap_or(usize::MAX)..usize::try_from(range.end).unwrap_or(0);
            chunk.extend_from_slice(data.get(range).unwrap_or_default());
            Ok(())
        };
        self.drive_upload(upload, read, progress).await
    }

    /// Uploads the bytes of `reader` (a file, say) as [`Client::upload`] does: each chunk is read
    /// when it is sent, from where the session expects it (so `reader` seeks back when the
    /// session lost bytes). The reads block; a file's are short.
    ///
    /// # Errors
    ///
    /// As [`Client::upload`]; also when `reader` fails or ends before the upload's size
    /// ([`Error::Transport`]).
    pub async fn upload_from<T: DeserializeOwned, R: Read + Seek>(
        &self,
        upload: ChunkedUpload<T>,
        mut reader: R,
        progress: impl FnMut(UploadProgress),
    ) -> Result<T, Error> {
        let read = |range: Range<u64>, chunk: &mut Vec<u8>| {
            reader.seek(SeekFrom::Start(range.start))?;
            let wanted = range.end - range.start;
            let read = (&mut reader).take(wanted).read_to_end(chunk)?;
            if read as u64 == wanted {
                Ok(())
            } else {
                Err(::std::io::Error::new(
                    ::std::io::ErrorKind::UnexpectedEof,
                    format!("the upload's reader ended at byte {} of {}", range.start + read as u64, range.end),
                ))
            }
        };
        self.drive_upload(upload, read, progress).await
    }

    async fn drive_upload<T: DeserializeOwned>(
        &self,
        mut upload: ChunkedUpload<T>,
        mut read: impl FnMut(Range<u64>, &mut Vec<u8>) -> ::std::io::Result<()>,
        mut progress: impl FnMut(UploadProgress),
    ) -> Result<T, Error> {
        let mut failures = 0;
        loop {
            let range = upload.next_range();
            let mut chunk = Vec::with_capacity(usize::try_from(range.end - range.start).unwrap_or(0));
            read(range, &mut chunk).map_err(|error| Error::Transport(Box::new(error)))?;
            let request = upload.chunk_request(chunk)?;
            let (mut error, mut retry_after) = match self.execute(request).await {
                Ok(response) => match upload.read_chunk_response(response)? {
                    UploadStep::Next => {
                        failures = 0;
                        progress(upload.progress());
                        continue;
                    }
                    UploadStep::Done(item) => {
                        progress(upload.progress());
                        return Ok(item);
                    }
                    UploadStep::Resume { error, retry_after } => (error, retry_after),
                },
                Err(error @ (Error::Transport(_) | Error::Timeout)) => (error, None),
                Err(error) => return Err(error),
            };
            // Ask the session where it stands, until it answers or the retries are used up.
            loop {
                let Some(delay) = self.retry_policy().backoff(failures, retry_after) else {
                    return Err(error);
                };
                failures += 1;
                ::tokio::time::sleep(delay).await;
                let failure = match self.execute(upload.status_request()).await {
                    Ok(response) => match upload.read_status_response(response) {
                        Ok(()) => break,
                        Err(failure) if failure.status().is_some_and(|s| s.as_u16() == 429 || s.is_server_error()) => {
                            failure
                        }
                        Err(failure) => return Err(failure),
                    },
                    Err(failure @ (Error::Transport(_) | Error::Timeout)) => failure,
                    Err(failure) => return Err(failure),
                };
                retry_after = failure.graph().and_then(|graph| graph.retry_after);
                error = failure;
            }
            progress(upload.progress());
        }
    }
}
