"""Reading sources: files, folders, batches and stdin into analyses; text from bytes; the dedup
stage that skips documents already stored."""
