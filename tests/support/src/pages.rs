//! A web server on loopback serving fixed pages, for the link-import tests: each page has a
//! path, a Content-Type and a body, or redirects elsewhere; every request is counted.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What a path answers.
#[derive(Clone)]
pub enum Page {
    /// 200 with this Content-Type and body.
    Body { content_type: &'static str, body: Vec<u8> },
    /// 302 to this path on the same server.
    Redirect(&'static str),
}

/// A running page server.
pub struct PageServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    hits: Arc<AtomicUsize>,
}

impl PageServer {
    /// Serves `pages` (path without the leading `/`) on a free loopback port.
    pub async fn start(pages: Vec<(&'static str, Page)>) -> PageServer {
        let hits = Arc::new(AtomicUsize::new(0));
        let pages: Arc<HashMap<String, Page>> =
            Arc::new(pages.into_iter().map(|(p, page)| (p.to_string(), page)).collect());
        let state = (pages, Arc::clone(&hits));
        let app = axum::Router::new().route("/{*path}", axum::routing::get(serve)).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        PageServer { url, hits }
    }

    /// How many requests the server has had.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// The pages by path, and the request counter.
type Served = (Arc<HashMap<String, Page>>, Arc<AtomicUsize>);

async fn serve(State((pages, hits)): State<Served>, Path(path): Path<String>) -> Response {
    hits.fetch_add(1, Ordering::SeqCst);
    match pages.get(&path) {
        Some(Page::Body { content_type, body }) => {
            ([(header::CONTENT_TYPE, *content_type)], body.clone()).into_response()
        }
        Some(Page::Redirect(to)) => (StatusCode::FOUND, [(header::LOCATION, format!("/{to}"))]).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
