//! Validates parsed arguments and runs the library.
pub mod args;

pub fn exec(_args: args::Cli) -> anyhow::Result<u8> {
    anyhow::bail!("not wired yet")
}
