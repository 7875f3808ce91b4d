//! Arbitrary bytes through `read_bytes` as txt, md, jsonl and html; each
//! article's text then goes down the text path too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    quotesent_fuzz::check_readers(bytes, true);
});
