"""Reading sources: files, folders, batches and stdin into analyses; text from bytes."""
