// jemalloc's options for bellwether-index, compiled in only when it links jemalloc (CMakeLists.txt,
// BELLWETHER_JEMALLOC). jemalloc reads this global at start-up; MALLOC_CONF still overrides it.
//
// percpu_arena:percpu gives each CPU one arena, used by whichever thread runs on that CPU, in place
// of jemalloc's default of four arenas per CPU handed to threads in turn. A bulk load runs a reader,
// workers, the consumer and writers: documents built on a worker are freed on a writer, and each
// chunk's Xapian inverter (a forest of small tree nodes) is built and freed on whichever writer
// takes the chunk. With an arena per thread, the memory one chunk freed sat in that thread's arena
// until jemalloc's decay purged it, while the next chunk faulted in fresh pages in another arena.
// Measured at --threads 2 in paired runs (bench/HISTORY.md, 2026-12-05): Reuters 1.01-1.12x faster
// (median 1.06x), page faults 115-124k -> 50-67k, peak RSS 270 -> 200-255 MB; 200,000 generated
// records 1.07x and 1.34x, faults 1.55M -> 0.2M; 1,000,000 records 0.995x (705 against 702 s; 44 s
// less system time, 55 s more user time), faults 7.3M -> 0.6M, peak RSS 614 -> 571 MB.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "percpu_arena:percpu";
}
