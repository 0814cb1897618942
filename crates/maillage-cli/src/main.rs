//! The `maillage` binary: the command of [`maillage_cli`], on this process's arguments.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(maillage_cli::run(std::env::args_os()))
}
