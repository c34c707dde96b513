//! Reliability of the engine under change: reloads while questions stream in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tanyakop::engine::SharedEngine;

#[test]
fn reloads_under_load_never_serve_a_half_or_bad_index() {
    let dir = crate::util::seed_copy();
    let shared = Arc::new(SharedEngine::load(dir.path()).expect("shipped knowledge loads"));
    let good_passages = shared.current().stats().passages;
    let done = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));

    let askers: Vec<_> = (0..2)
        .map(|_| {
            let (shared, done, answered) = (Arc::clone(&shared), Arc::clone(&done), Arc::clone(&answered));
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                while !done.load(Ordering::Relaxed) || answered.load(Ordering::Relaxed) < 10_000 {
                    let engine = shared.current();
                    let a = engine.ask("brp target rumah produksi bersama 2024?");
                    let passages = engine.stats().passages;
                    // A complete index: the shipped one, or the shipped one plus the extra article.
                    if !a.answered
                        || a.figure.as_deref() != Some("tujuh lokasi")
                        || !(passages == good_passages || passages == good_passages + 1)
                    {
                        failures.push(format!("answered={} figure={:?} passages={passages}", a.answered, a.figure));
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                }
                failures
            })
        })
        .collect();

    let extra = dir.path().join("articles/tambahan.md");
    let broken = dir.path().join("articles/rusak.md");
    for i in 0..100 {
        if i % 2 == 0 {
            std::fs::write(
                &extra,
                crate::util::article("Tambahan", &format!("Koperasi uji ke-{i} memiliki {i} anggota.")),
            )
            .unwrap();
            let r = shared.reload().expect("a good directory reloads");
            assert_eq!(r.stats.passages, good_passages + 1);
        } else {
            std::fs::write(&broken, "+++\ntitle = \n+++\n").unwrap();
            let e = shared.reload().expect_err("a bad directory is refused");
            assert!(e.problems().iter().any(|p| p.contains("rusak.md:2")), "{:?}", e.problems());
            std::fs::remove_file(&broken).unwrap();
            assert_eq!(shared.current().stats().passages, good_passages + 1, "the last good index keeps serving");
        }
    }
    done.store(true, Ordering::Relaxed);
    let failures: Vec<String> = askers.into_iter().flat_map(|h| h.join().expect("asker")).collect();
    assert!(answered.load(Ordering::Relaxed) >= 10_000);
    assert!(failures.is_empty(), "{} bad answers, first: {:?}", failures.len(), failures.first());
}

#[test]
fn reloads_requested_together_run_one_after_another() {
    let dir = crate::util::knowledge_copy();
    let shared = Arc::new(SharedEngine::load(dir.path()).expect("loads"));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || shared.reload().map(|r| r.stats.passages))
        })
        .collect();
    for h in handles {
        assert!(h.join().expect("thread").is_ok());
    }
    assert!(shared.current().ask("brp target RPB?").answered);
}
