# Builds data/spData__house.csv.gz, the raw file of lucas-county-house-prices, from spData::house.
#
#   Rscript data/export_house.R data/spData__house.csv && gzip -9nf data/spData__house.csv
#
# Needs r-base-core, r-cran-spdata 2.2.1-1 and r-cran-sp 1:1.6-0+dfsg-1 (Debian bookworm): house is an S4
# SpatialPointsDataFrame, so sp must be loaded to read it. gzip -n stores no name or time, so the .gz bytes
# depend only on the CSV. What the script does, beyond write.csv of the 24 attribute columns:
#   * appends the point coordinates as x and y (metres, Ohio North State Plane, EPSG:2834, as in the package),
#     rounded to 0.1 m (the closest two houses are 6.2 m apart, so nothing is lost but noise digits);
#   * appends house_group: houses whose 13 structural columns (yrbuilt ... lotsize) are all identical share a
#     label ("g1", "g2", ... in order of first appearance); every other house has an empty cell. These 112 houses
#     in 54 groups are twins of one builder on one street (all within 311 m) or the same house resold with its
#     point moved, so the competition keeps each group on one side of the split (split.group_column).
suppressMessages(library(sp))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export_house.R OUT.csv")
stopifnot(packageVersion("spData") == "2.2.1")
e <- new.env()
data("house", package = "spData", envir = e)
h <- e$house
d <- h@data
xy <- coordinates(h)
d$x <- round(xy[, 1], 1)
d$y <- round(xy[, 2], 1)
structural <- c("yrbuilt", "stories", "TLA", "wall", "beds", "baths", "halfbaths", "frontage", "depth",
                "garage", "garagesqft", "rooms", "lotsize")
key <- do.call(paste, c(lapply(d[structural], as.character), sep = "|"))
repeated <- key %in% key[duplicated(key)]
labels <- match(key, unique(key[repeated]))
d$house_group <- ifelse(repeated, paste0("g", labels), NA)
write.csv(d, args[1], row.names = FALSE, na = "")
cat(sprintf("spData::house rows=%d cols=%d grouped rows=%d groups=%d\n",
            nrow(d), ncol(d), sum(repeated), length(unique(key[repeated]))))
