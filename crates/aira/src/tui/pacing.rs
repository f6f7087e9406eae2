//! When the wizard's loop draws. What the user did (a key, a paste, a resize, a notice) is
//! drawn at once; what the room did (votes, joins, their saves) is drawn at most once per
//! `ROOM_FRAME` after the last frame, whatever drew it. A room of 40 phones voting back to
//! back sends ~2,000 changes a second: a frame for each kept the CPU busy drawing and made a
//! key wait behind frames nobody could read. Nothing the room did is ever left undrawn: a
//! room change is due at most `ROOM_FRAME` after the last frame, and the loop sleeps no
//! longer than that (`wait`). The clock is passed in, so the rules are tested without one.

use std::time::{Duration, Instant};

/// At most one room-caused frame per this long (20 a second: a projector shows no more).
pub const ROOM_FRAME: Duration = Duration::from_millis(50);

#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    /// The user changed the screen: draw before anything else.
    user: bool,
    /// The room changed the screen since the last frame.
    room: bool,
    /// When the last frame was drawn (`None`: never).
    last: Option<Instant>,
}

impl Pacer {
    /// A pacer with nothing drawn yet: the first frame is due at once.
    pub fn new(interval: Duration) -> Pacer {
        Pacer { interval, user: true, room: false, last: None }
    }

    pub fn user_changed(&mut self) {
        self.user = true;
    }

    pub fn room_changed(&mut self) {
        self.room = true;
    }

    /// A frame for the user is waiting (drawn whatever the pace).
    pub fn user_waiting(&self) -> bool {
        self.user
    }

    /// The room's next frame may be drawn from this time on.
    fn room_due_at(&self) -> Option<Instant> {
        self.last.and_then(|l| l.checked_add(self.interval))
    }

    /// Whether to draw now.
    pub fn due(&self, now: Instant) -> bool {
        self.user || (self.room && self.room_due_at().is_none_or(|at| now >= at))
    }

    /// A frame was drawn at `now`: it shows everything changed so far.
    pub fn drawn(&mut self, now: Instant) {
        self.user = false;
        self.room = false;
        self.last = Some(now);
    }

    /// How long the loop may wait for input: `idle`, or less when a frame falls due sooner.
    pub fn wait(&self, now: Instant, idle: Duration) -> Duration {
        if self.due(now) {
            return Duration::ZERO;
        }
        match (self.room, self.room_due_at()) {
            (true, Some(at)) => idle.min(at.saturating_duration_since(now)),
            _ => idle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_first_frame_and_a_key_are_drawn_at_once() {
        let t0 = Instant::now();
        let mut p = Pacer::new(ROOM_FRAME);
        assert!(p.due(t0), "the first frame");
        p.drawn(t0);
        assert!(!p.due(t0 + ms(500)), "nothing changed: no frame");
        p.room_changed();
        p.drawn(t0 + ms(1));
        // A key right after a frame: not paced, even with the room changing too.
        p.room_changed();
        p.user_changed();
        assert!(p.due(t0 + ms(2)));
        assert_eq!(p.wait(t0 + ms(2), ms(50)), Duration::ZERO);
    }

    /// 2,000 votes a second for a second: about 20 frames, never two within the interval.
    #[test]
    fn a_flood_of_votes_is_drawn_at_most_once_per_interval() {
        let t0 = Instant::now();
        let mut p = Pacer::new(ROOM_FRAME);
        p.drawn(t0);
        let mut frames = Vec::new();
        for i in 1..=2000u64 {
            let now = t0 + Duration::from_micros(i * 500);
            p.room_changed();
            if p.due(now) {
                p.drawn(now);
                frames.push(now);
            }
        }
        assert!((19..=20).contains(&frames.len()), "{} frames", frames.len());
        assert!(frames.windows(2).all(|w| w[1] - w[0] >= ROOM_FRAME));
    }

    /// The last vote of a burst is drawn without anything else happening: the loop's wait
    /// ends when its frame is due, and then it is due.
    #[test]
    fn the_last_change_is_always_drawn_within_the_interval() {
        let t0 = Instant::now();
        let mut p = Pacer::new(ROOM_FRAME);
        p.drawn(t0);
        p.room_changed();
        let now = t0 + ms(10);
        assert!(!p.due(now));
        assert_eq!(p.wait(now, ms(1000)), ms(40), "woken when the frame falls due");
        assert_eq!(p.wait(now, ms(5)), ms(5), "never longer than the loop's own wait");
        assert!(p.due(now + ms(40)));
        assert_eq!(p.wait(now + ms(40), ms(1000)), Duration::ZERO);
        p.drawn(now + ms(40));
        assert!(!p.due(now + ms(500)));
        assert_eq!(p.wait(now + ms(500), ms(1000)), ms(1000), "nothing left: the long wait");
    }

    /// A room change after a quiet spell is drawn at once (a single vote shows immediately).
    #[test]
    fn a_vote_in_a_quiet_room_is_drawn_at_once() {
        let t0 = Instant::now();
        let mut p = Pacer::new(ROOM_FRAME);
        p.drawn(t0);
        p.room_changed();
        assert!(p.due(t0 + ms(60)));
    }

    /// Any sequence of changes and frames: whatever changed is on screen by `interval` after
    /// the frame before it, as long as the loop sleeps only as long as `wait` says.
    #[test]
    fn nothing_changed_stays_undrawn() {
        let t0 = Instant::now();
        let mut p = Pacer::new(ROOM_FRAME);
        let mut now = t0;
        let mut seed = 7u64;
        let mut unseen_since: Option<Instant> = None;
        let mut last_frame = t0;
        for _ in 0..5000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            match seed >> 61 {
                0 => p.user_changed(),
                1..=4 => {
                    p.room_changed();
                    unseen_since.get_or_insert(now);
                }
                _ => {}
            }
            if p.due(now) {
                p.drawn(now);
                last_frame = now;
                unseen_since = None;
            }
            if let Some(since) = unseen_since {
                assert!(now < last_frame.max(since) + ROOM_FRAME, "a change left undrawn past its frame");
            }
            let step = ms((seed >> 20) % 30);
            now += step.min(p.wait(now, ms(50)));
        }
    }
}
