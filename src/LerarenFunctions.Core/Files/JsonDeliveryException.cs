namespace LerarenFunctions.Core.Files;

/// <summary>Why a JSON delivery is refused before anything is stored.</summary>
public enum JsonDeliveryProblem
{
    /// <summary>Not JSON, not the contract's shape (<c>{"leraren": [ {...}, ... ]}</c>), or a value that is no text.</summary>
    Invalid,

    /// <summary>More records than <see cref="TeacherFileOptions.MaxRows"/>; read no further than the first one too many.</summary>
    TooManyRecords,
}

/// <summary>A JSON delivery is refused; <see cref="Exception.Message"/> is the Dutch detail for the caller, without any value of the body.</summary>
public sealed class JsonDeliveryException(JsonDeliveryProblem problem, string detail) : Exception(detail)
{
    /// <summary>What is wrong with the body.</summary>
    public JsonDeliveryProblem Problem { get; } = problem;
}
