//! Expected quotes for every fixture article (owned by the text stage).
