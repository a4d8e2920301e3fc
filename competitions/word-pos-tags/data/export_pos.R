# Step 1 of building data/moby_pos_tags.csv.gz: export tidytext::parts_of_speech as it is.
#
#   Rscript data/export_pos.R /tmp/tidytext__parts_of_speech.csv
#   /usr/bin/python3 data/build_raw.py /tmp/tidytext__parts_of_speech.csv
#
# Needs r-base-core and r-cran-tidytext 0.4.1-1 (Debian bookworm). The table is written with write.csv
# (208,259 rows: word, pos); build_raw.py checks its SHA-256 before using it.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export_pos.R OUT.csv")
stopifnot(packageVersion("tidytext") == "0.4.1")
e <- new.env()
invisible(lazyLoad(file.path(find.package("tidytext"), "data", "Rdata"), envir = e))
d <- as.data.frame(get("parts_of_speech", envir = e))
write.csv(d, args[1], row.names = FALSE)
cat(sprintf("tidytext::parts_of_speech rows=%d cols=%d\n", nrow(d), ncol(d)))
