//! Arbitrary text as a sides file: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    quotesent_fuzz::check_sides(src);
});
