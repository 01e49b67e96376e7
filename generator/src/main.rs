fn main() { docgen::cli::main() }
