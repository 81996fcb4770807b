//! A one-request HTTP/1.1 server on 127.0.0.1 that plays Graph for the loopback tests: it
//! answers with a documented response and hands back the request it received. Std only, so the
//! file is also written next to the generated tests (`tests/support/server.rs`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;

/// The request the server received.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The method.
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    /// The headers, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The value of the header `name` (lower-case), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A documented response to answer with.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Starts the server: its base URL (`http://127.0.0.1:PORT`), and the thread that answers one
/// request with `reply` and returns what it received.
pub fn serve_once(reply: Reply) -> std::io::Result<(String, JoinHandle<std::io::Result<Received>>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept()?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let received = read_request(&mut reader)?;
        write_reply(stream, &reply)?;
        Ok(received)
    });
    Ok((base, handle))
}

fn read_request(reader: &mut impl BufRead) -> std::io::Result<Received> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_lowercase(), value.trim().to_owned()));
        }
    }
    let length = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Received { method, target, headers, body })
}

fn write_reply(mut stream: impl Write, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} Documented\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    if let Some(content_type) = &reply.content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&reply.body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn answers_one_request_and_reports_it() -> std::io::Result<()> {
        let reply =
            Reply { status: 201, content_type: Some("application/json".into()), body: b"{\"id\":\"1\"}".to_vec() };
        let (base, handle) = serve_once(reply)?;
        let mut stream = std::net::TcpStream::connect(base.trim_start_matches("http://"))?;
        stream.write_all(
            b"POST /v1.0/users?$top=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConsistencyLevel: eventual\r\n\r\n{}",
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        let received = handle.join().map_err(|_| std::io::Error::other("the server thread panicked"))??;
        assert_eq!((received.method.as_str(), received.target.as_str()), ("POST", "/v1.0/users?$top=1"));
        assert_eq!(received.header("consistencylevel"), Some("eventual"));
        assert_eq!(received.body, b"{}");
        assert!(answer.starts_with("HTTP/1.1 201 ") && answer.ends_with("{\"id\":\"1\"}"));
        Ok(())
    }
}
