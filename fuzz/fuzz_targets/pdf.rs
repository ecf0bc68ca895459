//! The PDF parser without the worker's `catch_unwind`: a panic, a hang (libFuzzer's -timeout)
//! or runaway memory (-rss_limit_mb) is a finding. Panics are handled in production (the
//! worker records the file and is replaced); `pdf_worker` looks past them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = inspraak::extract::pdf::extract_in_process(data.to_vec());
});
