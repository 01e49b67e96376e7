// The reader and codegen allocate many small strings and syn nodes from two threads;
// glibc malloc spent about a third of `docgen bench` in malloc/free. mimalloc's per-thread
// free lists cut that (see the README's benchmark table). Only the CLI sets it: a library
// user's build.rs keeps its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of `mimalloc.h`'s `mi_option_e` (15 in mimalloc 2 and 3; the
/// sys crate names no constant for it). The test below checks it against its default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // A whole run touches ~350 MiB of fresh heap; with 4 KiB pages, page faults were ~16%
    // of its samples. Let mimalloc ask for transparent huge pages (madvise) for its arenas:
    // a one-shot `docgen bench --only c --runs 1` took a median 1.38 s instead of 1.49 s
    // (6 alternating runs each).
    //
    // A run is one short batch: memory freed between stages (pages read, IR built, items
    // formatted) is worth keeping for the next stage rather than handing back to the OS
    // (mimalloc 3's default, once freed for 1 s) and faulting in again. Never purging took the same
    // one-shot run from a median 1.16 s to 1.01 s (6 alternating runs each), peak RSS
    // within the bound (see the README).
    //
    // SAFETY: `mi_option_set` only stores an option value; it is called before any thread
    // is spawned and takes no pointers.
    unsafe {
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
    docgen::cli::main()
}

#[cfg(test)]
mod tests {
    /// The option index is mimalloc's, not the sys crate's: if a mimalloc upgrade moved it,
    /// its default (mimalloc 3: 1000 ms, unless `MIMALLOC_PURGE_DELAY` overrides it) would not
    /// read back.
    #[test]
    fn purge_delay_option_index_is_mimallocs() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option value; no pointers.
        let value = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, 1000, "option {} is not mimalloc's purge delay", super::MI_OPTION_PURGE_DELAY);
    }
}
