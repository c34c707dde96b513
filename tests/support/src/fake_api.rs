//! A fake Telegram Bot API on loopback: serves `getUpdates` from a queue the test fills,
//! answers every other method like Telegram would, and records every request so tests can
//! assert on what the bot sent. The bot talks to it over real HTTP through teloxide.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const BOT_ID: i64 = 4242;
pub const BOT_USERNAME: &str = "tanyakop_bot";

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub body: Value,
    /// When the request arrived.
    pub at: Instant,
    /// For a message sent, the id the fake gave it.
    pub message_id: Option<i64>,
}

/// A way for the fake to fail a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 500 Internal Server Error with a Bot API error body.
    ServerError,
    /// 200 with a body that is not JSON.
    Garbage,
    /// The connection is closed without a response.
    Drop,
    /// No answer for this long (longer than the bot's request timeout), then a 504: a Bot API
    /// that hangs. The request is not carried out.
    Slow(Duration),
}

#[derive(Default)]
struct Inner {
    /// Faults waiting for the next calls of a method.
    faults: Vec<(String, Fault)>,
    /// How many coming `sendMessage` calls fail with 429 and this `retry_after`.
    rate_limited: (usize, u64),
    updates: Vec<Value>,
    next_update_id: i64,
    /// The highest `offset` a `getUpdates` has asked from: updates below it are acknowledged.
    offset: i64,
    next_message_id: i64,
    requests: Vec<Request>,
    files: HashMap<String, Vec<u8>>,
}

#[derive(Default)]
struct Shared {
    inner: Mutex<Inner>,
    changed: Notify,
}

/// Where the next fake's update ids start.
static UPDATE_IDS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

pub struct FakeApi {
    pub url: String,
    shared: Arc<Shared>,
    addr: std::net::SocketAddr,
    server: tokio::task::JoinHandle<()>,
}

impl FakeApi {
    pub async fn start() -> FakeApi {
        let shared = Arc::new(Shared::default());
        {
            let mut g = shared.inner.lock().unwrap();
            g.next_message_id = 1000;
            // Telegram's update ids only grow, and the bot's journal relies on it: a bot
            // restarted on a new fake must not see the ids it handled before.
            g.next_update_id = UPDATE_IDS.fetch_add(1_000_000, std::sync::atomic::Ordering::Relaxed);
        }
        let (addr, server) = serve(Arc::clone(&shared), "127.0.0.1:0".parse().expect("addr"));
        FakeApi { url: format!("http://{addr}"), shared, addr, server }
    }

    /// Stops the server for `down`, then serves again on the same address with the same state,
    /// as a restarted Bot API would.
    pub async fn restart(&mut self, down: Duration) {
        self.server.abort();
        let _ = (&mut self.server).await;
        tokio::time::sleep(down).await;
        let (_, server) = serve(Arc::clone(&self.shared), self.addr);
        self.server = server;
    }

    /// Makes the next `n` calls of `method` fail with `fault`.
    pub fn fail_next(&self, method: &str, fault: Fault, n: usize) {
        let mut g = self.shared.inner.lock().unwrap();
        for _ in 0..n {
            g.faults.push((method.to_string(), fault));
        }
    }

    /// Queues an update (its `update_id` is filled in) for the bot's next `getUpdates`.
    pub fn push(&self, mut update: Value) {
        let mut g = self.shared.inner.lock().unwrap();
        g.next_update_id += 1;
        update["update_id"] = json!(g.next_update_id);
        g.updates.push(update);
        drop(g);
        self.shared.changed.notify_waiters();
    }

    /// The id of the last update queued.
    pub fn last_update_id(&self) -> i64 {
        self.shared.inner.lock().unwrap().next_update_id
    }

    /// Whether the bot has acknowledged update `id`, by asking for the updates after it.
    pub fn acknowledged(&self, id: i64) -> bool {
        self.shared.inner.lock().unwrap().offset > id
    }

    /// Serves `bytes` as a downloadable file with id `file_id`.
    pub fn add_file(&self, file_id: &str, bytes: Vec<u8>) {
        self.shared.inner.lock().unwrap().files.insert(file_id.to_string(), bytes);
    }

    /// Makes the next `n` `sendMessage` calls fail with 429 Too Many Requests.
    pub fn rate_limit_next(&self, n: usize, retry_after: u64) {
        self.shared.inner.lock().unwrap().rate_limited = (n, retry_after);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.inner.lock().unwrap().requests.clone()
    }

    /// Waits until a request matching `pred` has been made, and returns it.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Request) -> bool) -> Request {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            // Registered before looking, so a change in between is not missed.
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(r) = self.requests().into_iter().find(|r| pred(r)) {
                return r;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out waiting for {what}; requests so far:\n{:#?}", self.requests());
            let _ = tokio::time::timeout(left.min(Duration::from_millis(200)), notified).await;
        }
    }

    /// How many messages each chat has been sent, without copying the requests.
    pub fn messages_per_chat(&self) -> HashMap<i64, usize> {
        let g = self.shared.inner.lock().unwrap();
        let mut counts = HashMap::new();
        for r in g.requests.iter().filter(|r| r.method == "sendMessage") {
            *counts.entry(r.body["chat_id"].as_i64().unwrap_or(0)).or_insert(0) += 1;
        }
        counts
    }

    /// Messages sent to `chat`, in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Request> {
        self.requests().into_iter().filter(|r| r.method == "sendMessage" && r.body["chat_id"] == json!(chat)).collect()
    }

    /// Waits for the `n`-th (1-based) message to `chat`.
    pub async fn nth_message_to(&self, chat: i64, n: usize) -> Request {
        self.wait_for(&format!("message {n} to chat {chat}"), |_| self.sent_to(chat).len() >= n).await;
        self.sent_to(chat)[n - 1].clone()
    }
}

fn serve(shared: Arc<Shared>, addr: std::net::SocketAddr) -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let app = axum::Router::new().route("/{*path}", axum::routing::any(handle)).with_state(shared);
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_reuseaddr(true).expect("reuseaddr");
    socket.bind(addr).expect("bind loopback");
    let listener = socket.listen(1024).expect("listen");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, server)
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path(path): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(rest) = path.strip_prefix("file/") {
        let file_id = rest.rsplit('/').next().unwrap_or_default().to_string();
        let bytes = shared.inner.lock().unwrap().files.get(&file_id).cloned();
        return match bytes {
            Some(b) => b.into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    // Telegram treats method names case-insensitively; teloxide sends "SendMessage".
    let raw = path.rsplit('/').next().unwrap_or_default();
    let method: String = raw.chars().take(1).flat_map(char::to_lowercase).chain(raw.chars().skip(1)).collect();
    let json_body = headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|c| c.contains("json"));
    let body: Value =
        if json_body { serde_json::from_slice(&body).unwrap_or(Value::Null) } else { multipart_fields(&body) };

    let fault = {
        let mut g = shared.inner.lock().unwrap();
        let at = g.faults.iter().position(|(m, _)| *m == method);
        at.map(|i| g.faults.remove(i).1)
    };
    if let Some(fault) = fault {
        shared.changed.notify_waiters();
        match fault {
            Fault::ServerError => {
                let body = json!({"ok": false, "error_code": 500, "description": "Internal Server Error"});
                return (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response();
            }
            Fault::Garbage => return (StatusCode::OK, "{\"ok\": tru").into_response(),
            // Ends this connection's task without an answer: the client sees the connection drop.
            Fault::Drop => panic!("fake Bot API drops the connection (injected fault)"),
            Fault::Slow(delay) => {
                tokio::time::sleep(delay).await;
                let body = json!({"ok": false, "error_code": 504, "description": "Gateway Timeout"});
                return (StatusCode::GATEWAY_TIMEOUT, axum::Json(body)).into_response();
            }
        }
    }

    if method == "getUpdates" {
        let offset = body["offset"].as_i64().unwrap_or(0);
        {
            let mut g = shared.inner.lock().unwrap();
            g.offset = g.offset.max(offset);
        }
        shared.changed.notify_waiters();
        // Telegram hands out at most `limit` updates (default 100) per call.
        let limit = body["limit"].as_u64().map_or(100, |l| l.clamp(1, 100)) as usize;
        let deadline = Instant::now() + Duration::from_millis(500);
        loop {
            let notified = shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let ready: Vec<Value> = shared
                .inner
                .lock()
                .unwrap()
                .updates
                .iter()
                .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= offset)
                .take(limit)
                .cloned()
                .collect();
            if !ready.is_empty() || Instant::now() >= deadline {
                return ok(json!(ready));
            }
            let _ = tokio::time::timeout(Duration::from_millis(100), notified).await;
        }
    }

    let result = {
        let mut g = shared.inner.lock().unwrap();
        g.requests.push(Request { method: method.clone(), body: body.clone(), at: Instant::now(), message_id: None });
        if method == "sendMessage" && g.rate_limited.0 > 0 {
            g.rate_limited.0 -= 1;
            let retry_after = g.rate_limited.1;
            drop(g);
            shared.changed.notify_waiters();
            let body = json!({"ok": false, "error_code": 429, "description": format!("Too Many Requests: retry after {retry_after}"), "parameters": {"retry_after": retry_after}});
            return (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        }
        match method.as_str() {
            "getMe" => json!({
                "id": BOT_ID, "is_bot": true, "first_name": "TanyaKop", "username": BOT_USERNAME,
                "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": true,
                "has_main_web_app": false
            }),
            "sendMessage" | "editMessageText" | "editMessageReplyMarkup" => {
                g.next_message_id += 1;
                let id = body["message_id"].as_i64().unwrap_or(g.next_message_id);
                if let Some(r) = g.requests.last_mut() {
                    r.message_id = Some(id);
                }
                json!({
                    "message_id": id, "date": 1_700_000_000,
                    "chat": {"id": body["chat_id"], "type": "private", "first_name": "Pengguna"},
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "TanyaKop", "username": BOT_USERNAME},
                    "text": body.get("text").cloned().unwrap_or(json!("(buttons edited)"))
                })
            }
            "getWebhookInfo" => json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}),
            "getFile" => {
                let id = body["file_id"].as_str().unwrap_or_default().to_string();
                let size = g.files.get(&id).map_or(0, Vec::len);
                json!({"file_id": id, "file_unique_id": format!("u-{id}"), "file_size": size, "file_path": format!("documents/{id}")})
            }
            _ => json!(true),
        }
    };
    shared.changed.notify_waiters();
    ok(result)
}

/// The text fields of a multipart form (teloxide sends `setWebhook` that way), as JSON.
fn multipart_fields(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split("Content-Disposition: form-data; name=\"").skip(1) {
        let Some((name, rest)) = part.split_once('"') else { continue };
        let Some((_, value)) = rest.split_once("\r\n\r\n") else { continue };
        let value = value.split("\r\n--").next().unwrap_or_default();
        fields.insert(name.to_string(), Value::String(value.to_string()));
    }
    if fields.is_empty() { Value::Null } else { Value::Object(fields) }
}

fn ok(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

// ---- Updates as Telegram sends them ----

pub fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Budi", "language_code": "id"})
}

pub fn private_chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "Budi"})
}

pub fn group_chat(id: i64) -> Value {
    json!({"id": id, "type": "supergroup", "title": "Koperasi Maju"})
}

pub fn message(message_id: i64, chat: Value, from: i64, text: &str) -> Value {
    json!({"message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": user(from), "text": text})
}

pub fn text_update(message_id: i64, chat: Value, from: i64, text: &str) -> Value {
    json!({"message": message(message_id, chat, from, text)})
}

pub fn reply_to_bot_update(message_id: i64, chat: Value, from: i64, text: &str) -> Value {
    reply_update(message_id, chat, from, text, message_id - 1)
}

/// A text message replying to the bot's message `to`.
pub fn reply_update(message_id: i64, chat: Value, from: i64, text: &str, to: i64) -> Value {
    let mut m = message(message_id, chat.clone(), from, text);
    m["reply_to_message"] = json!({
        "message_id": to, "date": 1_700_000_000, "chat": chat,
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "TanyaKop", "username": BOT_USERNAME},
        "text": "jawaban sebelumnya"
    });
    json!({"message": m})
}

pub fn photo_update(message_id: i64, chat: Value, from: i64) -> Value {
    json!({"message": {
        "message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": user(from),
        "photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 10, "height": 10, "file_size": 100}]
    }})
}

pub fn document_update(message_id: i64, chat: Value, from: i64, file_id: &str, file_name: &str, size: usize) -> Value {
    json!({"message": {
        "message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": user(from),
        "document": {"file_id": file_id, "file_unique_id": format!("u-{file_id}"), "file_name": file_name, "mime_type": "text/markdown", "file_size": size}
    }})
}

pub fn callback_update(id: &str, from: i64, chat: Value, message_id: i64, data: &str) -> Value {
    json!({"callback_query": {
        "id": id, "from": user(from), "chat_instance": "ci", "data": data,
        "message": {"message_id": message_id, "date": 1_700_000_000, "chat": chat,
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "TanyaKop", "username": BOT_USERNAME}, "text": "x"}
    }})
}

pub fn inline_update(id: &str, from: i64, query: &str) -> Value {
    json!({"inline_query": {"id": id, "from": user(from), "query": query, "offset": ""}})
}
