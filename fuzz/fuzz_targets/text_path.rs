//! Arbitrary text through segment → quote → attribute → extract, checking
//! every span (see `quotesent_fuzz::check_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    quotesent_fuzz::check_text(text);
});
