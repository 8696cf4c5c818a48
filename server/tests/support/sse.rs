//! A Server-Sent Events reader over reqwest, as a test's stand-in for the browser's `EventSource`.

use std::time::Duration;

use super::Session;

/// One event of a stream.
#[derive(Debug, Clone, Default)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

impl SseEvent {
    /// The data as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.data).unwrap_or_default()
    }
}

/// An open stream.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
    ended: bool,
}

impl Session {
    /// Opens `/api/live?topic=…` (resuming after `last` when given): the stream, or the refusal's
    /// status.
    pub async fn live(&self, topic: &str, last: Option<&str>) -> Result<EventStream, u16> {
        let mut request = self.client.get(format!("{}/api/live", self.base)).query(&[("topic", topic)]);
        if let Some(last) = last {
            request = request.header("last-event-id", last);
        }
        self.open_stream(request).await
    }

    /// Opens the event stream at `path` (a customer page's `/c/<token>/live`): the stream, or the
    /// refusal's status.
    pub async fn stream(&self, path: &str) -> Result<EventStream, u16> {
        self.open_stream(self.client.get(format!("{}{path}", self.base))).await
    }

    async fn open_stream(&self, mut request: reqwest::RequestBuilder) -> Result<EventStream, u16> {
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("the stream is answered");
        if response.status() != 200 {
            return Err(response.status().as_u16());
        }
        Ok(EventStream { response, buffer: String::new(), ended: false })
    }
}

impl EventStream {
    /// The next event, or `None` when none came within `wait` or the stream ended.
    pub async fn next(&mut self, wait: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(event) = self.take_event() {
                return Some(event);
            }
            if self.ended {
                return None;
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(_) => self.ended = true,
                Err(_) => return None,
            }
        }
    }

    /// The next event named `name`, skipping others; `None` if none came within `wait`.
    pub async fn next_named(&mut self, name: &str, wait: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let event = self.next(left).await?;
            if event.event == name {
                return Some(event);
            }
        }
    }

    /// Whether the server ended the stream (reading on until it does, at most `wait`).
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        while self.next(wait).await.is_some() {}
        self.ended
    }

    fn take_event(&mut self) -> Option<SseEvent> {
        loop {
            let end = self.buffer.find("\n\n")?;
            let block: String = self.buffer.drain(..end + 2).collect();
            let mut event = SseEvent { event: "message".into(), ..Default::default() };
            let mut has_data = false;
            for line in block.lines() {
                let (field, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "event" => event.event = value.to_owned(),
                    "id" => event.id = Some(value.to_owned()),
                    "data" => {
                        if has_data {
                            event.data.push('\n');
                        }
                        event.data.push_str(value);
                        has_data = true;
                    }
                    _ => {}
                }
            }
            // Comments (heartbeats) and id-only blocks carry no event.
            if has_data {
                return Some(event);
            }
        }
    }
}
