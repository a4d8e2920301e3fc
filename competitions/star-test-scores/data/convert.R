# Builds data/star_grade3.csv.gz from AER's STAR (Tennessee Project STAR, 11,598 students x 47 columns).
#
# Reproduce (needs r-base-core and r-cran-aer 1.2-10-1: apt-get install r-cran-aer):
#   Rscript competitions/star-test-scores/data/convert.R /tmp/star_grade3.csv
#   gzip -9 -n -c /tmp/star_grade3.csv > competitions/star-test-scores/data/star_grade3.csv.gz
#
# Keeps the 5,967 students with both grade-3 scores (read3, math3: the two targets) and every column, except
#   * birth ('yearqtr', e.g. 1979.75) becomes birth_year and birth_quarter (1-4);
#   (column drops are decided in competition.yaml, where each has its reason).
# Factors are written as their labels, missing values as empty fields, row names (STAR's student ids) dropped.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(packageVersion("AER") == "1.2.10")
e <- new.env()
utils::data(list = "STAR", package = "AER", envir = e)
d <- get("STAR", envir = e)
d <- d[!is.na(d$read3) & !is.na(d$math3), ]
birth <- as.numeric(d$birth)
year <- floor(birth)
quarter <- as.integer(round((birth - year) * 4)) + 1L
out <- data.frame(gender = d$gender, ethnicity = d$ethnicity, birth_year = as.integer(year), birth_quarter = quarter)
keep <- setdiff(names(d), c("gender", "ethnicity", "birth"))
out <- cbind(out, d[, keep])
write.csv(out, args[1], row.names = FALSE, na = "")
cat(sprintf("STAR grade 3: rows=%d cols=%d\n", nrow(out), ncol(out)))
