// OWL 2 DL profile check with the OWL API (Debian libowlapi-java), the library inside Protégé and ROBOT.
//
// Usage: java OwlProfileCheck [--catalog catalog-v001.xml] ONTOLOGY.owl [ONTOLOGY.owl ...]
// Imports are resolved offline: each <uri name="IRI" uri="path"/> of the XML catalog (default: the
// catalog-v001.xml next to each ontology file) maps an import IRI to a local file; a missing import is an error.
// Prints one line per profile violation and a summary line per file.
// Exit codes: 0 every file is in OWL 2 DL, 1 violations found, 2 error (unreadable file, unresolved import).

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public final class OwlProfileCheck {

    private OwlProfileCheck() {
    }

    /** Add one IRI mapper per catalog entry; returns how many entries were read. */
    static int mapCatalog(OWLOntologyManager manager, File catalog) throws Exception {
        NodeList uris = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(catalog)
                .getElementsByTagName("uri");
        File base = catalog.getAbsoluteFile().getParentFile();
        for (int i = 0; i < uris.getLength(); i++) {
            Element uri = (Element) uris.item(i);
            File target = new File(base, uri.getAttribute("uri"));
            manager.getIRIMappers().add(new SimpleIRIMapper(IRI.create(uri.getAttribute("name")),
                    IRI.create(target.getAbsoluteFile())));
        }
        return uris.getLength();
    }

    /** Check one file; returns the number of violations. */
    static int check(File file, File catalog) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        File cat = catalog != null ? catalog : new File(file.getAbsoluteFile().getParentFile(), "catalog-v001.xml");
        int mapped = cat.exists() ? mapCatalog(manager, cat) : 0;
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(file), config);
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        List<OWLProfileViolation> violations = new ArrayList<>(report.getViolations());
        for (OWLProfileViolation violation : violations) {
            System.out.println(file.getName() + ": " + violation.getClass().getSimpleName() + ": "
                    + violation.toString().replace('\n', ' '));
        }
        System.out.println(file.getName() + ": OWL 2 DL profile: " + violations.size() + " violation(s); "
                + ontology.getImportsClosure().size() + " ontologies in the imports closure ("
                + mapped + " catalog entries); " + ontology.getAxiomCount() + " axioms in the file");
        return violations.size();
    }

    public static void main(String[] args) {
        File catalog = null;
        List<File> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--catalog") && i + 1 < args.length) {
                catalog = new File(args[++i]);
            } else {
                files.add(new File(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: OwlProfileCheck [--catalog catalog-v001.xml] ONTOLOGY.owl ...");
            System.exit(2);
        }
        int total = 0;
        for (File file : files) {
            try {
                total += check(file, catalog);
            } catch (Exception error) {
                System.err.println(file + ": error: " + error);
                System.exit(2);
            }
        }
        System.exit(total == 0 ? 0 : 1);
    }
}
