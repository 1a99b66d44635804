// jemalloc's options for bellwether-index, compiled in only when it links jemalloc (CMakeLists.txt,
// BELLWETHER_JEMALLOC). jemalloc reads this global at start-up; MALLOC_CONF still overrides it.
//
// thp:always asks the kernel for transparent huge pages (madvise(MADV_HUGEPAGE); Debian's default
// THP mode, "madvise", grants them only on request) for jemalloc's arenas. Xapian's in-memory
// inverter is a forest of small red-black tree nodes, built for each chunk and freed at its flush:
// with 4 KB pages a Reuters bulk load took ~120,000 page faults (fresh memory for each chunk);
// with 2 MB pages ~14,000. Reuters loads ran 1.05-1.26x faster in 10 paired rounds, the first
// 50,000 generated records 1.00-1.18x; at 200,000 it was 0.96-1.00x (bench/HISTORY.md, 2026-12-04,
// fifth session). Where the kernel has THP set to "never" this is a no-op.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
