//! The PDF entry point exactly as the extraction worker calls it, panics caught: what this
//! target finds escapes the worker's `catch_unwind` (an abort, a stack overflow, a hang past
//! libFuzzer's -timeout, memory past -rss_limit_mb) and costs the worker process, not just
//! the file.
#![no_main]

use inspraak::extract::worker::Format;

libfuzzer_sys::fuzz_target!(
    init: {
        // libfuzzer-sys aborts on any panic, caught or not; the worker installs a silent hook
        // and catches them, and so does this target.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let _ = Format::Pdf.extract_in_process(data.to_vec());
    }
);
