// The reader and codegen allocate many small strings and syn nodes from two threads;
// glibc malloc spent about a third of `docgen bench` in malloc/free. mimalloc's per-thread
// free lists cut that (see the README's benchmark table). Only the CLI sets it: a library
// user's build.rs keeps its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A whole run touches ~350 MiB of fresh heap; with 4 KiB pages, page faults were ~16%
    // of its samples. Let mimalloc ask for transparent huge pages (madvise) for its arenas:
    // a one-shot `docgen bench --only c --runs 1` took a median 1.38 s instead of 1.49 s
    // (6 alternating runs each).
    // SAFETY: `mi_option_set` only stores an option value; it is called before any thread
    // is spawned and takes no pointers.
    unsafe { libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1) };
    docgen::cli::main()
}
