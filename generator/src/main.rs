// The reader and codegen allocate many small strings and token trees from two threads;
// glibc malloc spent about a third of `docgen bench` in malloc/free. mimalloc's per-thread
// free lists cut that (see the README's benchmark table). Only the CLI sets it: a library
// user's build.rs keeps its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    docgen::cli::main()
}
