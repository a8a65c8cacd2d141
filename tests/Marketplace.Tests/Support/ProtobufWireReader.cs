using System.Buffers.Binary;
using System.Text;

namespace Marketplace.Tests.Support;

/// <summary>The protobuf wire types (https://protobuf.dev/programming-guides/encoding/); groups are long deprecated.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}

/// <summary>
/// Reads protobuf's wire format field by field: just enough to walk OTLP messages without generated code
/// (no OTLP proto package is available here). Unknown fields are skipped, as protobuf requires.
/// </summary>
internal ref struct ProtobufWireReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public ProtobufWireReader(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (_position >= _buffer.Length)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        var tag = ReadVarint();
        fieldNumber = checked((int)(tag >> 3));
        wireType = (WireType)(tag & 0x7);
        if (fieldNumber == 0 || !Enum.IsDefined(wireType))
        {
            throw new InvalidDataException($"Invalid protobuf tag {tag} at offset {_position}.");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Protobuf varint longer than ten bytes.");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    public ReadOnlySpan<byte> ReadLengthDelimited() => Take(checked((int)ReadVarint()));

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.LengthDelimited: ReadLengthDelimited(); break;
            case WireType.Fixed32: Take(4); break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            throw new InvalidDataException("Protobuf message ends in the middle of a field.");
        }

        return _buffer[_position++];
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _buffer.Length - _position)
        {
            throw new InvalidDataException($"Protobuf field of {length} bytes runs past the end of the message.");
        }

        var slice = _buffer.Slice(_position, length);
        _position += length;
        return slice;
    }
}
