#pragma once
// Reads the physical lines of a file that begin in a byte range [begin, end):
// the ones a rank owns (csv/byte_split.hpp). It reads only that range with
// pread, plus the byte before it (does a line begin at `begin`?) and the tail
// of the last line when that line crosses `end`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adlake::csv {

// An open file descriptor, closed on destruction.
class FileDescriptor {
 public:
  explicit FileDescriptor(const std::string& path);  // opens read-only; IoError naming path
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

class RangeLineReader {
 public:
  static constexpr std::size_t kDefaultChunkBytes = std::size_t{4} << 20;

  // `file_size` is the size the read plan was made with; a file that turns
  // out shorter is an IoError.
  RangeLineReader(const std::string& path, std::uint64_t file_size, std::uint64_t begin,
                  std::uint64_t end, std::size_t chunk_bytes = kDefaultChunkBytes);
  // The same, reading into `buffer` (grown to `chunk_bytes` if smaller, never
  // shrunk): a caller reading many files keeps one buffer for all of them,
  // rather than a new zero-filled chunk per file (a 4 MiB memset and fresh
  // pages for each of bronze's ~1,000 files per entity at 10M requests).
  RangeLineReader(const std::string& path, std::uint64_t file_size, std::uint64_t begin,
                  std::uint64_t end, std::size_t chunk_bytes, std::vector<char>& buffer);

  // The next owned line, without its LF or CRLF (a CR just before the end of
  // the file is dropped too); false when there is none left. The view is valid
  // until the next call.
  bool next(std::string_view& line);

  // The file offset of the line last returned: 0 means the header line.
  std::uint64_t line_offset() const { return line_offset_; }

 private:
  std::uint64_t buffered_offset() const { return next_read_ - (tail_ - head_); }
  bool skip_partial_line();
  bool refill(std::uint64_t limit, std::size_t max_bytes);

  std::string path_;
  FileDescriptor fd_;
  std::uint64_t size_;
  std::uint64_t end_;
  std::size_t chunk_;
  std::vector<char> own_buffer_;  // unused when the caller lends one
  std::vector<char>& buffer_;
  std::size_t head_ = 0;  // unread bytes are buffer_[head_, tail_)
  std::size_t tail_ = 0;
  std::uint64_t next_read_;  // file offset of buffer_[tail_]
  std::uint64_t line_offset_ = 0;
  bool skip_first_;
  bool done_ = false;
};

// The first physical line of a file (its header), without LF or CRLF; empty
// for an empty file. Reads only as far as the first LF.
std::string read_first_line(const std::string& path);

}  // namespace adlake::csv
