using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The rows seen so far by their duplicate key (BSN, BRIN, grondslag, begindatum benoeming), with the row each key was
/// first seen on. It is the one structure of the validator that grows with the file, so it is kept small:
/// <list type="bullet">
/// <item>A key is packed, exactly and reversibly, into 64 bits; an entry is that number and the row (12 bytes). Two
/// keys are the same only when their packed numbers are, so no hash collision can make a row a duplicate.</item>
/// <item>The entries are spread over independent open-addressing tables by their hash. Each table doubles on its own,
/// so growing copies a small table at a time instead of having the old and the new copy of all keys alive at once;
/// and when the size of the file is known, <see cref="Reserve"/> sizes them once for the rows to expect.</item>
/// <item>A key that does not fit the packing (a grondslag past the fourth configured code, a date before 1900 or after
/// the 2070s) goes to an ordinary dictionary; such keys are rare, and the two never hold the same key.</item>
/// </list>
/// </summary>
internal sealed class DuplicateIndex
{
    // The packed key is a number in mixed radix: BSN (below 10^9), BRIN (2 digits, 2 letters: 100 * 26 * 26), grondslag
    // (below 4), days since 1900-01-01 (below 2^16). The product of the radixes, 1.77 * 10^19, stays below 2^64.
    private const ulong BsnRadix = 1_000_000_000;
    private const ulong BrinRadix = 100 * 26 * 26;
    private const ulong GrondslagRadix = 4;
    private const ulong DayRadix = 1 << 16;
    private static readonly int FirstDay = new DateOnly(1900, 1, 1).DayNumber;

    // Where an array's elements start, counted from the reference to it.
    private static readonly nint EntriesOffset = OffsetOfEntries();

    private const int TableBits = 8;
    private const int FirstTableLength = 16;

    private readonly Table[] _tables = new Table[1 << TableBits];
    private Dictionary<(int Bsn, uint Brin, int Grondslag, int Day), int>? _unpacked;

    public int Count { get; private set; }

    /// <summary>
    /// The row that first had this key; or 0 when the key is new, which then is recorded for <paramref name="row"/>
    /// (rows are numbered from 1, so 0 never is a row).
    /// </summary>
    public int FirstOrAdd(int bsn, uint brin, int grondslag, int day, int row)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        if (!TryPack(bsn, brin, grondslag, day, out var key))
        {
            return FirstOrAddUnpacked(bsn, brin, grondslag, day, row);
        }

        var hash = Hash(key);
        ref var table = ref _tables[(int)(hash >> (64 - TableBits))];
        if (table.Count >= table.Limit)
        {
            table.Grow();
        }

        var entries = table.Entries;
        for (var slot = table.Slot(hash); ; slot = slot == entries.Length - 1 ? 0 : slot + 1)
        {
            ref var entry = ref entries[slot];
            if (entry.Row == 0)
            {
                entry = new Entry(key, row);
                table.Count++;
                Count++;
                return 0;
            }

            if (entry.Key == key)
            {
                return entry.Row;
            }
        }
    }

    /// <summary>
    /// Starts loading the place of a key into the cache, for a <see cref="FirstOrAdd"/> of the same key a little later.
    /// The entries are spread at random over far more memory than the cache holds: without this, nearly every row
    /// waits for memory.
    /// </summary>
    public unsafe void Prefetch(int bsn, uint brin, int grondslag, int day)
    {
        if (!Sse.IsSupported || !TryPack(bsn, brin, grondslag, day, out var key))
        {
            return;
        }

        var hash = Hash(key);
        ref var table = ref _tables[(int)(hash >> (64 - TableBits))];
        if (table.Length > 0)
        {
            // The address is worked out from the reference alone, because any read of the array (its length, even a
            // null check) would wait for the very cache line this is to fetch. Both the array's header, which the
            // bounds check reads, and the entry are fetched. A prefetch is a hint: it never faults, whatever the
            // address, and changes nothing but what is in the cache.
            var array = Unsafe.As<Entry[], nint>(ref table.Entries);
            Sse.Prefetch0((void*)array);
            Sse.Prefetch0((void*)(array + EntriesOffset + (table.Slot(hash) * (nint)sizeof(Entry))));
        }
    }

    private static unsafe nint OffsetOfEntries()
    {
        var array = new Entry[1];
        fixed (Entry* first = array)
        {
            return (nint)first - Unsafe.As<Entry[], nint>(ref array);
        }
    }

    // Fibonacci hashing: the high bits of the product depend on every bit of the key; the table and the slot come
    // from those.
    private static ulong Hash(ulong key) => (key ^ (key >> 32)) * 0x9E37_79B9_7F4A_7C15UL;

    /// <summary>
    /// Sizes the tables for about <paramref name="keys"/> keys at once, so that they need not double (and leave their
    /// old copies behind) while the file is read. A wrong guess costs nothing but memory: a table still grows when
    /// it fills up.
    /// </summary>
    public void Reserve(int keys)
    {
        // The keys spread over the tables by chance: four standard deviations more than a table's share fit, so
        // that no table has to grow when the estimate holds.
        var share = (double)keys / _tables.Length;
        var length = (int)Math.Min(Array.MaxLength, Math.Ceiling((share + (4 * Math.Sqrt(share)) + 8) * 4 / 3));
        for (var i = 0; i < _tables.Length; i++)
        {
            if (length > _tables[i].Length)
            {
                _tables[i].Resize(length);
            }
        }
    }

    private static bool TryPack(int bsn, uint brin, int grondslag, int day, out ulong key)
    {
        key = 0;
        var d0 = (brin >> 24) - '0';
        var d1 = ((brin >> 16) & 0xFF) - '0';
        var l2 = ((brin >> 8) & 0xFF) - 'A';
        var l3 = (brin & 0xFF) - 'A';
        var days = (uint)(day - FirstDay);
        if ((uint)bsn >= BsnRadix || d0 > 9 || d1 > 9 || l2 > 25 || l3 > 25 || (uint)grondslag >= GrondslagRadix || days >= DayRadix)
        {
            return false;
        }

        var brinIndex = (((d0 * 10) + d1) * 26 * 26) + (l2 * 26) + l3;
        key = ((((((ulong)bsn * BrinRadix) + brinIndex) * GrondslagRadix) + (uint)grondslag) * DayRadix) + days;
        return true;
    }

    private int FirstOrAddUnpacked(int bsn, uint brin, int grondslag, int day, int row)
    {
        _unpacked ??= [];
        if (_unpacked.TryGetValue((bsn, brin, grondslag, day), out var first))
        {
            return first;
        }

        _unpacked.Add((bsn, brin, grondslag, day), row);
        Count++;
        return 0;
    }

    private struct Table
    {
        public Entry[] Entries;

        /// <summary>The length of <see cref="Entries"/>, kept here where it is in the cache.</summary>
        public int Length;
        public int Count;

        /// <summary>Grow at three quarters full: linear probing stays short below that.</summary>
        public int Limit;

        /// <summary>
        /// The slot from the hash bits below those that chose the table, scaled to the length (which need not be a
        /// power of two, so that <see cref="Reserve"/> can size a table to what it will hold).
        /// </summary>
        public readonly int Slot(ulong hash) => (int)((((hash << TableBits) >> 32) * (ulong)Length) >> 32);

        public void Grow() => Resize(Math.Max(FirstTableLength, Length * 2));

        public void Resize(int length)
        {
            var old = Entries ?? [];
            Entries = new Entry[length];
            Length = length;
            Limit = (int)((long)length * 3 / 4);
            foreach (var entry in old)
            {
                if (entry.Row == 0)
                {
                    continue;
                }

                var slot = Slot(Hash(entry.Key));
                while (Entries[slot].Row != 0)
                {
                    slot = slot == length - 1 ? 0 : slot + 1;
                }

                Entries[slot] = entry;
            }
        }
    }

    // Packed to 12 bytes: the natural layout would pad every entry to 16.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Entry(ulong Key, int Row);
}
