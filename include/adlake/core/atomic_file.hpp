#pragma once
// Files the jobs write into a lake are created, never followed (CONTRACT
// section 0, docs/hardening.md "Hostile layers"): a lake may sit in a folder
// others can write, so a symlink planted where a temporary or an output would
// go must never make a job write elsewhere. Temporaries get unpredictable
// names and are opened with O_CREAT|O_EXCL|O_NOFOLLOW (or live in a fresh
// private folder); outputs appear only by rename, and a symlink where an
// output goes is an error naming it.
#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace adlake {

// Writes `bytes` as `path`: into a fresh temporary in the same folder, synced,
// then renamed over `path`. Throws IoError naming the file on any failure
// (the temporary is removed), or if `path` is a symlink.
void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0666);

// A fresh folder .<name>.tmp-<random> (mode 0700) next to `final_path`, for a
// temporary that a library creates by name (HDF5): nobody else can put
// anything in it. Returns its path.
std::string create_private_folder(const std::string& final_path);

// Renames `temp` to `final_path` and syncs the folder. Throws IoError if
// `final_path` is a symlink or the rename fails.
void publish_file(const std::string& temp, const std::string& final_path);

// Throws IoError if `path` exists and is a symbolic link.
void refuse_symlink(const std::string& path);

// The whole of a regular file of the lake, opened without following a
// symbolic link: a link planted in its place must not carry another file's
// bytes into a page, a log or a fingerprint. Throws IoError naming the file
// (a link, not a regular file, unreadable).
std::string read_lake_file(const std::string& path);

// Removes the temporaries (files or private folders) that interrupted jobs
// left for `final_path`, except `keep`; returns the paths removed.
std::vector<std::string> remove_stale_temporaries(const std::string& final_path,
                                                  const std::string& keep = {});

}  // namespace adlake
