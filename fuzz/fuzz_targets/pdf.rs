//! The PDF entry point the extraction worker runs, without the worker's `catch_unwind`: a
//! panic, a hang (libFuzzer's -timeout) or runaway memory (-rss_limit_mb) is a finding.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = inspraak::extract::pdf::extract_in_process(data.to_vec());
});
