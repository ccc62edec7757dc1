"""The registers as spreadsheet files (XLSX and CSV): the column declarations (`columns`, `registers`), the writers
(`xlsx`, `csv`) and the export views (`views`)."""
