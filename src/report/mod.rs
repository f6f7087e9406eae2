//! The report room: scores rendered for people and for other tools. `aira score` output lives
//! here so that its JSON shape is defined once.

pub mod score;
