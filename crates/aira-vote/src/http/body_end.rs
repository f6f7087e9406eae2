//! Knows whether a request's body was read to its end. An answer given before that (a 413,
//! a 408, a wrong token's 404) leaves the rest of the body unread, and hyper then closes the
//! connection; the answer must say so, or a client that pools connections sends its next
//! request into a closed socket.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};

/// The request body, passed through unchanged, raising a flag at its end.
pub(crate) struct Watched {
    inner: Incoming,
    ended: Arc<AtomicBool>,
}

/// Whether the body it came with was read to the end (a request without one starts there).
#[derive(Clone)]
pub(crate) struct Ended(Arc<AtomicBool>);

impl Ended {
    pub fn yes(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

pub(crate) fn watch(inner: Incoming) -> (Watched, Ended) {
    let ended = Arc::new(AtomicBool::new(inner.is_end_stream()));
    (Watched { inner, ended: Arc::clone(&ended) }, Ended(ended))
}

impl Body for Watched {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.ended.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
