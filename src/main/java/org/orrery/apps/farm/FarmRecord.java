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

/**
 * The result of one input file: what goes into the farm table (index, input, status, reason,
 * image shape, statistics, brightest pixel, output file) plus bookkeeping that does not
 * ({@code seconds} spent on it and the {@code rank} that did it), so tables are the same bytes
 * whichever rank processed a file. Values of operations not run are NaN / −1 / "".
 */
public record FarmRecord(
        int index,
        String input,
        boolean ok,
        String reason,
        int nx,
        int ny,
        int bitpix,
        int hdu,
        double mean,
        double std,
        double medianLog10,
        int brightX,
        int brightY,
        double brightValue,
        String output,
        double seconds,
        int rank,
        SurveyRow survey) {

    /** The wire format of records in the task farm's messages. */
    public static final TaskFarm.Codec<FarmRecord> CODEC = new TaskFarm.Codec<>() {
        @Override
        public byte[] encode(List<FarmRecord> records) {
            return FarmRecord.encode(records);
        }

        @Override
        public List<FarmRecord> decode(byte[] bytes, int off, int len) {
            return FarmRecord.decode(bytes, off, len);
        }
    };

    public FarmRecord {
        reason = reason == null ? "" : reason;
        output = output == null ? "" : output;
        survey = survey == null ? SurveyRow.NONE : survey;
    }

    /** A record of a single-image input (no survey values). */
    public FarmRecord(
            int index,
            String input,
            boolean ok,
            String reason,
            int nx,
            int ny,
            int bitpix,
            int hdu,
            double mean,
            double std,
            double medianLog10,
            int brightX,
            int brightY,
            double brightValue,
            String output,
            double seconds,
            int rank) {
        this(
                index,
                input,
                ok,
                reason,
                nx,
                ny,
                bitpix,
                hdu,
                mean,
                std,
                medianLog10,
                brightX,
                brightY,
                brightValue,
                output,
                seconds,
                rank,
                SurveyRow.NONE);
    }

    /** A failed input. */
    public static FarmRecord failed(int index, String input, String reason, double seconds, int rank) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(reason),
                -1,
                -1,
                0,
                -1,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank);
    }

    /** A failed extension {@code hdu} of an input (its identity kept). */
    public static FarmRecord failedHdu(
            int index, String input, int hdu, SurveyRow id, String reason, double seconds, int rank) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(reason),
                -1,
                -1,
                0,
                hdu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank,
                id.identity());
    }

    /** This record with another outcome: failed for {@code why} (identity kept), e.g. when its output could not be written. */
    public FarmRecord failing(String why) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(why),
                -1,
                -1,
                0,
                hdu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank,
                survey.identity());
    }

    /** This record with {@code seconds} spent. */
    public FarmRecord withSeconds(double s) {
        return new FarmRecord(
                index,
                input,
                ok,
                reason,
                nx,
                ny,
                bitpix,
                hdu,
                mean,
                std,
                medianLog10,
                brightX,
                brightY,
                brightValue,
                output,
                s,
                rank,
                survey);
    }

    /** "ok" or "failed". */
    public String status() {
        return ok ? "ok" : "failed";
    }

    public long pixels() {
        return nx > 0 && ny > 0 ? (long) nx * ny : 0;
    }

    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        return s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }

    /** Binary form for MPI messages. */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(index);
        out.writeUTF(input);
        out.writeBoolean(ok);
        out.writeUTF(reason.length() > 8000 ? reason.substring(0, 8000) : reason);
        out.writeInt(nx);
        out.writeInt(ny);
        out.writeInt(bitpix);
        out.writeInt(hdu);
        out.writeDouble(mean);
        out.writeDouble(std);
        out.writeDouble(medianLog10);
        out.writeInt(brightX);
        out.writeInt(brightY);
        out.writeDouble(brightValue);
        out.writeUTF(output);
        out.writeDouble(seconds);
        out.writeInt(rank);
        out.writeBoolean(survey.hduRow());
        out.writeUTF(survey.extname());
        out.writeInt(survey.extver());
        out.writeDouble(survey.clipMean());
        out.writeDouble(survey.clipMedian());
        out.writeDouble(survey.clipStd());
        out.writeLong(survey.clipKept());
        out.writeDouble(survey.bkgMedian());
        out.writeDouble(survey.bkgRms());
        out.writeUTF(survey.bkgOutput());
    }

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
                r.write(out);
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
