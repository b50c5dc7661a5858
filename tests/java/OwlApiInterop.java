// Loads an ontology with the OWL API (Protégé's and ROBOT's library), prints what tests check, and converts it to
// OBO format and back: java OwlApiInterop IN.owl IMPORTS_DIR OUT.obo BACK.owl CLASS_IRI
// Imports resolve offline from IMPORTS_DIR (AutoIRIMapper reads each module's ontology IRI), like a catalog.
import java.io.File;
import java.util.TreeSet;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.OBODocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.search.EntitySearcher;
import org.semanticweb.owlapi.util.AutoIRIMapper;

public class OwlApiInterop {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getIRIMappers().add(new AutoIRIMapper(new File(args[1]), false));
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLDataFactory factory = manager.getOWLDataFactory();
        System.out.println("ontology\t" + ontology.getOntologyID().getOntologyIRI().get());
        System.out.println("classes\t" + ontology.getClassesInSignature(Imports.INCLUDED).size());
        System.out.println("individuals\t" + ontology.getIndividualsInSignature(Imports.INCLUDED).size());
        OWLClass cls = factory.getOWLClass(IRI.create(args[4]));
        for (OWLOntology o : ontology.getImportsClosure()) {
            for (OWLAnnotation a : (Iterable<OWLAnnotation>) EntitySearcher.getAnnotations(cls, o, factory.getRDFSLabel())::iterator) {
                if (a.getValue().asLiteral().isPresent()) {
                    System.out.println("label\t" + a.getValue().asLiteral().get().getLiteral());
                }
            }
            for (OWLSubClassOfAxiom ax : o.getSubClassAxiomsForSubClass(cls)) {
                if (!ax.getSuperClass().isAnonymous()) {
                    System.out.println("parent\t" + ax.getSuperClass().asOWLClass().getIRI());
                }
            }
        }
        // OBO format: the OWL API's OWL -> OBO translation (ROBOT `convert --format obo` uses the same code)
        // merged with its imports first (as `robot merge` then `convert` does), so OBO readers find every parent
        OWLOntology merged = manager.createOntology(IRI.create("https://w3id.org/ctckg/ctckg-full.owl"));
        for (OWLOntology o : ontology.getImportsClosure()) {
            manager.addAxioms(merged, o.getAxioms());
        }
        for (OWLAnnotation a : ontology.getAnnotations()) {
            manager.applyChange(new AddOntologyAnnotation(merged, a));
        }
        OBODocumentFormat obo = new OBODocumentFormat();
        manager.saveOntology(merged, obo, IRI.create(new File(args[2])));
        OWLOntologyManager second = OWLManager.createOWLOntologyManager();
        second.getIRIMappers().add(new AutoIRIMapper(new File(args[1]), false));
        OWLOntology back = second.loadOntologyFromOntologyDocument(new File(args[2]));
        TreeSet<String> namespaces = new TreeSet<>();
        for (OWLClass c : back.getClassesInSignature()) {
            String iri = c.getIRI().toString();
            namespaces.add(iri.substring(0, Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1)
                           + (iri.contains("CTCKG_") ? "CTCKG_" : ""));
        }
        for (String namespace : namespaces) {
            System.out.println("back-namespace\t" + namespace);
        }
        System.out.println("back-classes\t" + back.getClassesInSignature().size());
        second.saveOntology(back, new RDFXMLDocumentFormat(), IRI.create(new File(args[3])));
    }
}
