package org.orrery.apps.farm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.orrery.sim.TaskFarm;

/** The binary form of {@link FarmRecord}s in the task farm's MPI messages and the farm ledger (count first). */
final class FarmRecordCodec {
    private FarmRecordCodec() {}

    /** The wire format of records in the task farm's messages. */
    public static final TaskFarm.Codec<FarmRecord> CODEC = new TaskFarm.Codec<>() {
        @Override
        public byte[] encode(List<FarmRecord> records) {
            return FarmRecordCodec.encode(records);
        }

        @Override
        public List<FarmRecord> decode(byte[] bytes, int off, int len) {
            return FarmRecordCodec.decode(bytes, off, len);
        }
    };

    /** One record, field by field. */
    public static void write(FarmRecord r, DataOutputStream out) throws IOException {
        out.writeInt(r.index());
        out.writeUTF(r.input());
        out.writeBoolean(r.ok());
        out.writeUTF(r.reason().length() > 8000 ? r.reason().substring(0, 8000) : r.reason());
        out.writeInt(r.nx());
        out.writeInt(r.ny());
        out.writeInt(r.bitpix());
        out.writeInt(r.hdu());
        out.writeDouble(r.mean());
        out.writeDouble(r.std());
        out.writeDouble(r.medianLog10());
        out.writeInt(r.brightX());
        out.writeInt(r.brightY());
        out.writeDouble(r.brightValue());
        out.writeUTF(r.output());
        out.writeDouble(r.seconds());
        out.writeInt(r.rank());
        out.writeBoolean(r.survey().hduRow());
        out.writeUTF(r.survey().extname());
        out.writeInt(r.survey().extver());
        out.writeDouble(r.survey().clipMean());
        out.writeDouble(r.survey().clipMedian());
        out.writeDouble(r.survey().clipStd());
        out.writeLong(r.survey().clipKept());
        out.writeDouble(r.survey().bkgMedian());
        out.writeDouble(r.survey().bkgRms());
        out.writeUTF(r.survey().bkgOutput());
    }

    /** One record written by {@link #write}. */
    public static FarmRecord read(DataInputStream in) throws IOException {
        return new FarmRecord(
                in.readInt(),
                in.readUTF(),
                in.readBoolean(),
                in.readUTF(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readInt(),
                in.readInt(),
                in.readDouble(),
                in.readUTF(),
                in.readDouble(),
                in.readInt(),
                new SurveyRow(
                        in.readBoolean(),
                        in.readUTF(),
                        in.readInt(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readLong(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readUTF()));
    }

    /** Several records as bytes (count first). */
    public static byte[] encode(List<FarmRecord> records) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            out.writeInt(records.size());
            for (FarmRecord r : records) {
                write(r, out);
            }
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records from {@code bytes[off, off+len)}. */
    public static List<FarmRecord> decode(byte[] bytes, int off, int len) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, off, len));
            int n = in.readInt();
            List<FarmRecord> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(read(in));
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
