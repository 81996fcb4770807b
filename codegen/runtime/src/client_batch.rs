//! Sending JSON batches with the async client (cargo feature `client`): one batch, or any number
//! of requests split into batches of 20; the requests Graph throttled are sent again, alone, in
//! a smaller batch.

#![cfg(feature = "client")]

use super::{Batch, BatchResponses, Client, Error};

impl Client {
    /// Sends `batch` (at most 20 requests) as one `$batch` call, and returns the answers, from
    /// which each request's typed result is taken ([`BatchResponses::take`]).
    ///
    /// The call itself is retried as any request is (429, 503, 504). The requests that Graph
    /// answered `429` or `503` are sent again in a new, smaller batch, with the requests that
    /// depend on them (Graph did not run those), after the longest `Retry-After` of the answers,
    /// as often as the client's [`RetryPolicy`](super::RetryPolicy) allows; a request whose
    /// dependency failed is not sent again and its result is [`Error::DependencyFailed`]. When
    /// the retries are used up (or a `Retry-After` is longer than the policy's `max_delay`), the
    /// throttled requests' results are Graph's `429`/`503` errors.
    ///
    /// # Errors
    ///
    /// A batch Graph would refuse ([`Batch::to_http`]), before anything is sent; a failed token
    /// source, transport error or timeout; Graph's error for the batch call itself. The requests'
    /// own failures are in their results.
    pub async fn send_batch(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let first = batch.to_http(self.cloud())?;
        self.send_batch_rounds(batch.clone(), first).await
    }

    /// Sends any number of requests: `batch` is split into batches of at most 20 that keep the
    /// requests linked by `dependsOn` together ([`Batch::chunks`]), sent one after the other as
    /// [`Client::send_batch`] sends one; the answers of all of them are returned together.
    ///
    /// # Errors
    ///
    /// As [`Client::send_batch`]; also when more than 20 requests are linked by `dependsOn`.
    /// Every part is checked before the first is sent.
    pub async fn send_batches(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let chunks = batch.chunks()?;
        let mut firsts = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            firsts.push(chunk.to_http(self.cloud())?);
        }
        let mut answers = BatchResponses::new();
        for (chunk, first) in chunks.into_iter().zip(firsts) {
            answers.merge(self.send_batch_rounds(chunk, first).await?);
        }
        Ok(answers)
    }

    /// Sends `batch`, whose request is `first`, then what Graph throttled, within the policy.
    async fn send_batch_rounds(
        &self,
        mut batch: Batch,
        mut request: ::http::Request<Vec<u8>>,
    ) -> Result<BatchResponses, Error> {
        let mut answers = BatchResponses::new();
        let mut retry = 0;
        loop {
            let response = self.send_http(request).await?;
            let round = batch.parse_response(response)?;
            let again = batch.retry(&round);
            // The longest wait any throttled answer asks for; none when one of them may not be
            // retried (the retries are used up, or it asks for longer than the policy allows).
            let delay = again.as_ref().and_then(|_| {
                round
                    .throttled(&batch)
                    .into_iter()
                    .try_fold(::core::time::Duration::ZERO, |longest, (status, headers)| {
                        Some(longest.max(self.retry_policy().delay(retry, status, headers)?))
                    })
            });
            answers.merge(round);
            let (Some(again), Some(delay)) = (again, delay) else {
                return Ok(answers);
            };
            retry += 1;
            ::tokio::time::sleep(delay).await;
            request = again.to_http(self.cloud())?;
            batch = again;
        }
    }
}
