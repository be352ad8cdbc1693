using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using LerarenFunctions.Benchmarks;
using LerarenFunctions.Benchmarks.Beheer;
using LerarenFunctions.Benchmarks.Doorsturen;
using LerarenFunctions.Benchmarks.Reminders;
using LerarenFunctions.Benchmarks.Timers;

// "generate <path> <rows>" writes a large synthetic file for the CLI memory measurement, without Python or a
// file checked in; anything else goes to BenchmarkDotNet (--filter, --job, ...).
if (args is ["generate", var path, var count])
{
    var rows = int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture);
    using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
    SyntheticTeacherFile.Write(writer, rows);
    Console.WriteLine($"{rows} rows written to {path}");
    return 0;
}

// "doorsturen [...]" measures forwarding end to end: the LocalHost, Azurite and the register simulator.
if (args is ["doorsturen", .. var options])
{
    return await DoorsturenMeasurement.RunAsync(options);
}

// "timers [...]" measures one tick of each timer with a large table and uploads container, against Azurite.
if (args is ["timers", .. var timerOptions])
{
    return await TimersMeasurement.RunAsync(timerOptions);
}

// "herinneringen [...]" measures runs of the reminder timer with many boards, against Azurite.
if (args is ["herinneringen", .. var reminderOptions])
{
    return await RemindersMeasurement.RunAsync(reminderOptions);
}

// "beheer [...]" measures one view of the operators' page with many boards and deliveries, against Azurite.
if (args is ["beheer", .. var operatorOptions])
{
    return await BeheerMeasurement.RunAsync(operatorOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(ValidateBenchmarks).Assembly).Run(args);
return 0;
