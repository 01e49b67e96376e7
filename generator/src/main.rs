fn main() -> std::process::ExitCode {
    docgen::cli::main()
}
