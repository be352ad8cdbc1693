using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LerarenFunctions.Core;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// Parse and validate one file of <see cref="Rows"/> valid rows from memory, so that only the validator is timed,
/// not the disk. Not sealed: BenchmarkDotNet runs a generated subclass of it.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(Columns))]
public class ValidateBenchmarks
{
    public const int Rows = 100_000;

    private static readonly Bestuursnummer Bestuur = Bestuursnummer.Parse(SyntheticTeacherFile.Bestuursnummer);

    private byte[] _file = [];
    private ServiceProvider? _services;
    private TeacherFileValidator? _validator;
    private CsvHelperBaseline? _baseline;

    [GlobalSetup]
    public void Setup()
    {
        _file = SyntheticTeacherFile.Create(Rows);
        // Through DI as the hosts build it, so the benchmark follows the validator's constructor.
        _services = new ServiceCollection()
            .AddLerarenFunctionsCore()
            .AddLogging()
            .Configure<TeacherFileOptions>(_ => { })
            .BuildServiceProvider();
        _validator = _services.GetRequiredService<TeacherFileValidator>();
        _baseline = new CsvHelperBaseline(SyntheticTeacherFile.Bestuursnummer, SyntheticTeacherFile.Peildatum);

        // A file the validator rejects would time the error path and look fast: both must accept every row first.
        var terugmelding = Validator().GetAwaiter().GetResult();
        if (terugmelding.Status != TerugmeldingStatus.Goedgekeurd || terugmelding.AantalGoedgekeurd != Rows)
        {
            var first = terugmelding.Meldingen.Count > 0 ? terugmelding.Meldingen[0] : null;
            throw new InvalidOperationException(
                $"The validator did not accept the synthetic file: {terugmelding.Status}, {terugmelding.AantalGoedgekeurd} of {Rows}; first melding {first?.Code} {first?.Veld} {first?.Tekst}");
        }

        var baseline = CsvHelper();
        if (baseline != Rows)
        {
            throw new InvalidOperationException($"The baseline accepted {baseline} of {Rows} rows.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(Baseline = true, Description = "CsvHelper + straightforward checks")]
    public int CsvHelper()
    {
        using var stream = new MemoryStream(_file, writable: false);
        return _baseline!.Validate(stream).Valid;
    }

    [Benchmark(Description = "TeacherFileValidator")]
    public async Task<Terugmelding> Validator()
    {
        using var stream = new MemoryStream(_file, writable: false);
        return await _validator!.ValidateAsync(stream, "leraren.csv", Bestuur, SyntheticTeacherFile.Peildatum, IgnoreRecord, CancellationToken.None);
    }

    private static ValueTask IgnoreRecord(TeacherRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(PerRowColumn.RowsPerSecond, PerRowColumn.AllocatedPerRow);
    }
}
