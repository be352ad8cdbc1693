using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// What the table adapters share: conditional writes that report a conflict as null instead of throwing, binary values
/// split over properties, and deletes in transactions.
/// </summary>
internal static class TableRows
{
    /// <summary>Table Storage takes at most 100 entities and 4 MB in one transaction; binary values travel as base64.</summary>
    public const int MaxEntitiesPerTransaction = 100;

    public const int MaxBytesPerTransaction = 2 * 1024 * 1024;

    /// <summary>The largest binary property Table Storage stores; larger values are split over numbered properties.</summary>
    private const int MaxBinaryProperty = 64 * 1024;

    /// <summary>
    /// Runs a conditional write; null when the condition failed: the row exists (409), changed (412) or is gone (404).
    /// Those are the answers a conditional write exists for; any other failure is an error and is thrown.
    /// </summary>
    public static async Task<Response?> TryAsync(Func<Task<Response>> write)
    {
        try
        {
            var response = await write();
            // A delete of a row that is gone answers 404 without throwing (Azure.Data.Tables treats it as done).
            return response.Status == 404 ? null : response;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The version a write gave the row.</summary>
    public static string Version(Response response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("A table write answered without an ETag.");

    /// <summary>Writes <paramref name="value"/> as <c>name</c>, <c>name2</c>, ... of at most 64 KB each.</summary>
    public static void WriteBinary(TableEntity entity, string name, ReadOnlyMemory<byte> value)
    {
        var part = 1;
        for (var offset = 0; offset == 0 || offset < value.Length; offset += MaxBinaryProperty, part++)
        {
            entity[part == 1 ? name : $"{name}{part}"] = value.Slice(offset, Math.Min(MaxBinaryProperty, value.Length - offset)).ToArray();
        }
    }

    /// <summary>The value written by <see cref="WriteBinary"/>; null when the row has none.</summary>
    public static byte[]? ReadBinary(TableEntity entity, string name)
    {
        var parts = new List<byte[]>();
        for (var part = 1; entity.GetBinary(part == 1 ? name : $"{name}{part}") is { } bytes; part++)
        {
            parts.Add(bytes);
        }

        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => [.. parts.SelectMany(p => p)],
        };
    }

    /// <summary>
    /// Writes the index row <paramref name="row"/> and removes the one it replaces (<paramref name="replaces"/>, in the
    /// same partition) in one transaction; when that row is gone already (a run that stopped half-way, a tidy-up), the
    /// new row is written alone.
    /// </summary>
    public static async Task MoveIndexRowAsync(TableClient table, TableEntity row, string replaces, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, replaces), ETag.All),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Deletes every row that <paramref name="filter"/> selects, a transaction per partition and hundred rows.</summary>
    public static async Task DeleteAllAsync(TableClient table, Expression<Func<TableEntity, bool>> filter, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(MaxEntitiesPerTransaction);
        await foreach (var row in table.QueryAsync(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (actions.Count == MaxEntitiesPerTransaction || (actions.Count > 0 && actions[0].Entity.PartitionKey != row.PartitionKey))
            {
                await SubmitDeletesAsync(table, actions, cancellationToken);
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        }

        await SubmitDeletesAsync(table, actions, cancellationToken);
    }

    /// <summary>Deletes one row, if it is there.</summary>
    public static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await TryAsync(() => table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken));

    private static async Task SubmitDeletesAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Deleted by another run in between: delete the rest one by one.
            foreach (var action in actions)
            {
                await DeleteIfExistsAsync(table, action.Entity.PartitionKey, action.Entity.RowKey, cancellationToken);
            }
        }

        actions.Clear();
    }
}
