package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberFileReaderTest {

    @TempDir
    Path dir;
    private final MemberFileReader reader = new MemberFileReader(new ObjectMapper());
    private final List<String> seen = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    private final MemberFileReader.Listener listener = new MemberFileReader.Listener() {
        @Override
        public void onIgnoredColumns(List<String> columns) {
            ignored.addAll(columns);
        }

        @Override
        public void onRecord(long line, MemberInput input) {
            seen.add(line + ":" + input.get("member_code") + (input.errors().isEmpty() ? "" : " " + input.errors()));
        }

        @Override
        public void onRejection(long line, String reason) {
            rejected.add(line + ":" + reason);
        }
    };

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void csv_rows_keep_their_line_numbers_through_quoted_newlines_blank_lines_and_broken_rows() throws Exception {
        Path csv = file("members.csv", """
                \uFEFFMember Code,name,address,loyalty_points
                M1,张三,"上海市
                浦东新区",10

                M2,李四
                M3,王五,北京市,5
                """.getBytes(StandardCharsets.UTF_8));
        reader.read(csv, MemberFileReader.Format.CSV, StandardCharsets.UTF_8, listener);
        assertThat(seen).containsExactly("2:M1", "6:M3");
        assertThat(rejected).containsExactly("5:expected 4 columns but found 2 (broken CSV line)");
        assertThat(ignored).containsExactly("loyalty_points");
    }

    @Test
    void a_row_with_bytes_that_are_not_utf8_is_rejected_naming_the_column_and_the_rest_is_read() throws Exception {
        byte[] gbkName = "张三".getBytes(Charset.forName("GBK"));
        byte[] head = "member_code,name\nM1,".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\nM2,Li\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + gbkName.length + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(gbkName, 0, content, head.length, gbkName.length);
        System.arraycopy(tail, 0, content, head.length + gbkName.length, tail.length);
        Path csv = file("gbk.csv", content);

        reader.read(csv, MemberFileReader.Format.CSV, StandardCharsets.UTF_8, listener);
        assertThat(rejected).containsExactly("2:name: not valid UTF-8 text (bad encoding; export the file as UTF-8 or name its charset)");
        assertThat(seen).containsExactly("3:M2");

        seen.clear();
        rejected.clear();
        reader.read(csv, MemberFileReader.Format.CSV, Charset.forName("GBK"), listener);
        assertThat(seen).containsExactly("2:M1", "3:M2");
        assertThat(rejected).isEmpty();
    }

    @Test
    void a_csv_without_member_code_or_with_a_repeated_column_fails_as_a_whole() throws Exception {
        Path noCode = file("a.csv", "name,phone\nZhang,1\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> reader.read(noCode, MemberFileReader.Format.CSV, StandardCharsets.UTF_8, listener))
                .hasMessageStartingWith("header: no member_code column");
        Path twice = file("b.csv", "member_code,name,Name\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> reader.read(twice, MemberFileReader.Format.CSV, StandardCharsets.UTF_8, listener))
                .hasMessage("header: column 'name' appears twice");
    }

    @Test
    void json_lines_are_read_one_object_per_line_and_a_broken_line_is_rejected_without_quoting_it() throws Exception {
        Path jsonl = file("members.jsonl", """
                {"memberCode":"J1","name":"张三"}

                {"memberCode":"J2","phone":"13800138000"
                ["not","an","object"]
                {"memberCode":"J3"}
                """.getBytes(StandardCharsets.UTF_8));
        reader.read(jsonl, MemberFileReader.Format.JSONL, StandardCharsets.UTF_8, listener);
        assertThat(seen).containsExactly("1:J1", "4:null [a member must be a JSON object]", "5:J3");
        assertThat(rejected).singleElement().asString().startsWith("3:not valid JSON").doesNotContain("13800138000");
    }

    @Test
    void the_format_is_told_by_the_file_name_or_else_by_the_first_character() throws Exception {
        Path unnamed = file("upload", "\n  {\"memberCode\":\"J1\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(MemberFileReader.Format.detect("upload", unnamed)).isEqualTo(MemberFileReader.Format.JSONL);
        assertThat(MemberFileReader.Format.detect("members.CSV", unnamed)).isEqualTo(MemberFileReader.Format.CSV);
        Path csv = file("upload2", "member_code\nM1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(MemberFileReader.Format.detect(null, csv)).isEqualTo(MemberFileReader.Format.CSV);
        assertThat(MemberFileReader.Format.parse("ndjson")).isEqualTo(MemberFileReader.Format.JSONL);
    }
}
