// Apache Jena SHACL over many data files in one JVM (tests/test_second_engine.py): one JVM start instead of one
// per fixture. Usage: JenaShaclBatch SHAPES.ttl DATA1.ttl REPORT1.ttl [DATA2.ttl REPORT2.ttl ...]
// Each report is the SHACL validation report Jena's `shacl validate` command prints, written as Turtle.

import java.io.FileOutputStream;
import java.io.OutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public final class JenaShaclBatch {
    private JenaShaclBatch() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: JenaShaclBatch SHAPES DATA REPORT [DATA REPORT ...]");
            System.exit(2);
        }
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        for (int i = 1; i < args.length; i += 2) {
            Graph data = RDFDataMgr.loadGraph(args[i]);
            ValidationReport report = ShaclValidator.get().validate(shapes, data);
            try (OutputStream out = new FileOutputStream(args[i + 1])) {
                RDFDataMgr.write(out, report.getModel(), RDFFormat.TURTLE);
            }
        }
    }
}
