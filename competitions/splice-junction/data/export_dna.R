# Writes mlbench__DNA_sequence.csv: mlbench::DNA (r-cran-mlbench 2.1-3-1) with its 180 indicator columns decoded back
# to the 60 nucleotides they encode, as the package documents them: A = 1 0 0, C = 0 1 0, G = 0 0 1, T = 0 0 0
# (columns V1-V3 are position 1, V4-V6 position 2, ...). Run: Rscript export_dna.R
data(DNA, package = "mlbench")
bits <- sapply(DNA[, 1:180], function(x) as.integer(as.character(x)))
decode <- function(row) {
  b <- matrix(row, nrow = 3)
  paste(apply(b, 2, function(x) if (x[1] == 1) "A" else if (x[2] == 1) "C" else if (x[3] == 1) "G" else "T"), collapse = "")
}
stopifnot(all(colSums(matrix(t(bits), nrow = 3)) <= 1))  # at most one bit per position: the encoding is unambiguous
write.csv(data.frame(sequence = apply(bits, 1, decode), Class = DNA$Class), "mlbench__DNA_sequence.csv", row.names = FALSE)
