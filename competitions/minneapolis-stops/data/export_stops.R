# Builds data/carData__MplsStops.csv.gz, the raw file of minneapolis-stops, from carData::MplsStops.
#
#   Rscript data/export_stops.R data/carData__MplsStops.csv && gzip -9nf data/carData__MplsStops.csv
#
# Needs r-base-core and r-cran-cardata 3.0.5-1 (Debian bookworm). All 14 columns and 51,920 rows are written;
# the competition spec drops rows and columns. Two columns are re-formatted:
#   * date: the stop time, written explicitly in Minneapolis local time (the column's own time zone,
#     America/Chicago), so the text does not depend on the machine's TZ;
#   * lat, long: written with exactly 4 decimals (about 11 m by 8 m). The package stores them with 2 to 8
#     decimals depending on how the location was recorded, and that precision is itself a signal (16% of stops
#     with 5-decimal coordinates ended in a person search, 9% of those with 8 decimals): a recording artefact,
#     not a property of the place, so a fixed width removes it.
# gzip -n stores no name or time, so the .gz bytes depend only on the CSV.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export_stops.R OUT.csv")
stopifnot(packageVersion("carData") == "3.0.5")
e <- new.env()
data("MplsStops", package = "carData", envir = e)
d <- e$MplsStops
d$date <- format(d$date, "%Y-%m-%d %H:%M:%S", tz = "America/Chicago")
d$lat <- sprintf("%.4f", d$lat)
d$long <- sprintf("%.4f", d$long)
# Quote text columns as write.csv does by default, but not the two fixed-width numbers.
text <- which(vapply(d, function(col) is.character(col) || is.factor(col), logical(1)) & !(names(d) %in% c("lat", "long")))
write.csv(d, args[1], row.names = FALSE, quote = unname(text))
cat(sprintf("carData::MplsStops rows=%d cols=%d\n", nrow(d), ncol(d)))
