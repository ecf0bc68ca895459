//! The WordprocessingML reader alone: mutated ZIPs mostly fail their checksums before any XML
//! is read, so the XML gets a target of its own.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = inspraak::extract::docx::paragraphs(data, true);
});
