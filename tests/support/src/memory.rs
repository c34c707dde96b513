//! Peak resident memory (VmHWM) from /proc, for the tests and the benchmarks (Linux).

/// Peak resident memory of process `pid` (`"self"` for this one) so far, in KiB.
pub fn peak_rss_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
