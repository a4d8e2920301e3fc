# Builds data/nmes1988_log1p.csv.gz from AER's NMES1988 (4,406 Medicare beneficiaries aged 66+, 19 columns).
#
# Reproduce (needs r-base-core and r-cran-aer 1.2-10-1: apt-get install r-cran-aer):
#   Rscript competitions/medical-care-demand/data/convert.R /tmp/nmes1988_log1p.csv
#   gzip -9 -n -c /tmp/nmes1988_log1p.csv > competitions/medical-care-demand/data/nmes1988_log1p.csv.gz
#
# The six utilisation counts (visits, nvisits, ovisits, novisits, emergency, hospital) are the targets. The metric
# library's mcrmse has no log option, so they are written already transformed, as log1p_<name> = log(1 + count)
# (R's log1p, 15 significant digits); a submission predicts these log values and the score is the MCRMSE on the
# log1p scale (expm1 turns a prediction back into a count). Every other column is written unchanged; factors as
# labels, no row names.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(packageVersion("AER") == "1.2.10")
e <- new.env()
utils::data(list = "NMES1988", package = "AER", envir = e)
d <- get("NMES1988", envir = e)
counts <- c("visits", "nvisits", "ovisits", "novisits", "emergency", "hospital")
out <- d[, setdiff(names(d), counts)]
for (n in counts) out[[paste0("log1p_", n)]] <- log1p(d[[n]])
write.csv(out, args[1], row.names = FALSE, na = "")
cat(sprintf("NMES1988: rows=%d cols=%d\n", nrow(out), ncol(out)))
