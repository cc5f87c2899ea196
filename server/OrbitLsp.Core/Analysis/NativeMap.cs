using System.Runtime.InteropServices;

namespace OrbitLsp.Core.Analysis;

/// <summary>
/// A hash map of plain values in native memory (open addressing, linear probing, deletion by
/// backward shift). For maps of hundreds of thousands of entries that live as long as the
/// process: outside the garbage-collected heap, they neither grow it nor make its collections
/// longer, and growing one allocates no large object.
/// </summary>
/// <remarks>
/// NOTE: not thread-safe, and the owner frees it (<see cref="Free"/>): <see cref="PromptIndex"/>
/// uses it only under its lock. Keys should hash well already (the prompt hashes do).
/// </remarks>
internal sealed unsafe class NativeMap<TKey, TValue>
    where TKey : unmanaged, IEquatable<TKey>
    where TValue : unmanaged
{
    private struct Slot
    {
        public TKey Key;
        public TValue Value;
        public bool Used;
    }

    private const int MinCapacity = 1024;

    private Slot* _slots;
    private int _capacity;

    public NativeMap() => _slots = Allocate(_capacity = MinCapacity);

    public int Count { get; private set; }

    public bool ContainsKey(TKey key) => Find(key) >= 0;

    public bool TryGetValue(TKey key, out TValue value)
    {
        int i = Find(key);
        value = i >= 0 ? _slots[i].Value : default;
        return i >= 0;
    }

    /// <summary>Adds the key; false (and nothing changed) when it is there already.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (Find(key) >= 0) return false;
        Add(key, value);
        return true;
    }

    /// <summary>Adds the key or replaces its value.</summary>
    public void Set(TKey key, TValue value)
    {
        int i = Find(key);
        if (i >= 0) _slots[i].Value = value;
        else Add(key, value);
    }

    public bool Remove(TKey key)
    {
        int hole = Find(key);
        if (hole < 0) return false;
        int mask = _capacity - 1;
        // Move later entries of the probe run back into the hole when their home allows, so that
        // every entry stays reachable from its home without markers for removed ones.
        for (int j = (hole + 1) & mask; _slots[j].Used; j = (j + 1) & mask)
        {
            int home = Home(_slots[j].Key);
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (!movable) continue;
            _slots[hole] = _slots[j];
            hole = j;
        }
        _slots[hole] = default;
        Count--;
        if (_capacity > MinCapacity && Count * 8 < _capacity) Resize(_capacity / 2);
        return true;
    }

    /// <summary>Frees the native memory; the map is empty afterwards (and usable again).</summary>
    public void Free()
    {
        if (_slots is null) return;
        NativeMemory.Free(_slots);
        _slots = null;
        _capacity = 0;
        Count = 0;
    }

    private int Home(TKey key) => key.GetHashCode() & (_capacity - 1);

    private int Find(TKey key)
    {
        if (_slots is null) return -1;
        int mask = _capacity - 1;
        for (int i = Home(key); _slots[i].Used; i = (i + 1) & mask)
            if (_slots[i].Key.Equals(key)) return i;
        return -1;
    }

    /// <summary>Adds a key that is not there, growing first when three quarters would be used.</summary>
    private void Add(TKey key, TValue value)
    {
        if (_slots is null) _slots = Allocate(_capacity = MinCapacity);
        else if ((Count + 1) * 4 > _capacity * 3) Resize(_capacity * 2);
        Insert(key, value);
    }

    private void Insert(TKey key, TValue value)
    {
        int mask = _capacity - 1;
        int i = Home(key);
        while (_slots[i].Used) i = (i + 1) & mask;
        _slots[i] = new Slot { Key = key, Value = value, Used = true };
        Count++;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        int oldCapacity = _capacity;
        _slots = Allocate(_capacity = capacity);
        Count = 0;
        if (old is null) return;
        for (int i = 0; i < oldCapacity; i++)
            if (old[i].Used) Insert(old[i].Key, old[i].Value);
        NativeMemory.Free(old);
    }

    private static Slot* Allocate(int capacity) => (Slot*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Slot));
}
