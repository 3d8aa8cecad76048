/**
 * Catalog of the demo data: 67 career programs in CONALEP-style occupational areas, module names, and the
 * name lists used for fictitious students. Program names are plausible, not an official list.
 */

export const PROGRAM_AREAS: Readonly<Record<string, readonly string[]>> = {
  'Producción y transformación': [
    'Autotransporte',
    'Máquinas-herramienta',
    'Plásticos',
    'Química industrial',
    'Industria del vestido',
    'Procesamiento industrial de alimentos',
    'Metalmecánica',
    'Productividad industrial',
    'Fundición',
    'Calzado',
    'Textil',
    'Construcción',
  ],
  'Mantenimiento e instalación': [
    'Mantenimiento automotriz',
    'Mantenimiento de sistemas automáticos',
    'Mantenimiento de motores y planeadores',
    'Refrigeración y climatización',
    'Mantenimiento de equipo de cómputo y control digital',
    'Mantenimiento industrial',
    'Instalaciones hidráulicas y sanitarias',
    'Mantenimiento de maquinaria pesada',
    'Soldadura industrial',
    'Motores a diésel',
  ],
  'Electricidad y electrónica': [
    'Electromecánica industrial',
    'Electricidad industrial',
    'Electrónica industrial',
    'Mecatrónica',
    'Telecomunicaciones',
    'Control y automatización',
    'Energías renovables',
    'Sistemas electrónicos de aviación',
    'Redes eléctricas',
  ],
  'Tecnología y transporte': [
    'Informática',
    'Soporte y mantenimiento de equipo de cómputo',
    'Desarrollo de software',
    'Logística',
    'Ferroviario',
    'Aeronáutica',
    'Expresión gráfica digital',
    'Ciberseguridad',
    'Ciencia de datos',
    'Transporte multimodal',
  ],
  Salud: [
    'Enfermería general',
    'Optometría',
    'Terapia respiratoria',
    'Asistente directivo en salud',
    'Laboratorio clínico',
    'Podología',
    'Salud comunitaria',
    'Prótesis dental',
  ],
  'Contaduría y administración': [
    'Contabilidad',
    'Administración',
    'Asistente directivo',
    'Comercio internacional y aduanas',
    'Mercadotecnia',
    'Administración de recursos humanos',
    'Servicios financieros',
    'Emprendimiento',
  ],
  'Turismo y servicios': [
    'Hospitalidad turística',
    'Alimentos y bebidas',
    'Conservación del medio ambiente',
    'Gastronomía',
    'Atención a la primera infancia',
    'Seguridad e higiene y protección civil',
    'Minería',
    'Acuacultura',
    'Agroindustria',
    'Química de alimentos',
  ],
};

export interface ProgramSpec {
  readonly code: string;
  readonly name: string;
  readonly area: string;
  /** Relative popularity: how often campuses offer it and how many choose it. */
  readonly weight: number;
}

export function programCatalog(): ProgramSpec[] {
  const out: ProgramSpec[] = [];
  for (const [area, names] of Object.entries(PROGRAM_AREAS)) {
    for (const name of names) {
      const i = out.length;
      // A few programs (informática, enfermería, contabilidad…) are far more common, as in the real system.
      const popular =
        /Informática|Enfermería|Contabilidad|Administración$|Autotransporte|Electromecánica|Hospitalidad|Mantenimiento automotriz/.test(
          name,
        );
      out.push({
        code: `P${String(i + 1).padStart(3, '0')}`,
        name,
        area,
        weight: popular ? 6 : 1 + ((i * 7) % 5) / 2,
      });
    }
  }
  return out;
}

const MODULE_STEMS = [
  'Comunicación para la interacción social',
  'Manejo de aplicaciones por medios digitales',
  'Resolución de problemas',
  'Interpretación de fenómenos físicos',
  'Análisis de la materia y la energía',
  'Inglés',
  'Desarrollo ciudadano',
  'Pensamiento matemático',
  'Conciencia histórica',
  'Cuidado de la salud',
];

/** Module names for one semester of a program: a common core plus technical modules of the career. */
export function moduleNames(programName: string, semester: number, perSemester: number): string[] {
  const names: string[] = [];
  const core = semester <= 4 ? 3 : 1;
  for (let i = 0; i < core; i++)
    names.push(`${MODULE_STEMS[(semester * 3 + i) % MODULE_STEMS.length] ?? 'Módulo'} ${semester}`);
  for (let i = names.length; i < perSemester; i++)
    names.push(`${programName}: módulo técnico ${semester}.${i - core + 1}`);
  return names;
}

export const GIVEN_NAMES_F = [
  'María',
  'Guadalupe',
  'Fernanda',
  'Valeria',
  'Ximena',
  'Daniela',
  'Camila',
  'Sofía',
  'Andrea',
  'Mariana',
  'Ana',
  'Itzel',
  'Citlali',
  'Paola',
  'Karla',
  'Alejandra',
  'Jimena',
  'Renata',
  'Montserrat',
  'Abigail',
  'Diana',
  'Brenda',
  'Yaretzi',
  'Natalia',
  'Lucía',
  'Regina',
  'Ángela',
  'Estefanía',
  'Vanessa',
  'Dulce',
];
export const GIVEN_NAMES_M = [
  'José',
  'Juan',
  'Luis',
  'Carlos',
  'Jesús',
  'Miguel',
  'Alejandro',
  'Diego',
  'Ángel',
  'Fernando',
  'Jorge',
  'Emiliano',
  'Santiago',
  'Mateo',
  'Ricardo',
  'Eduardo',
  'Óscar',
  'Iván',
  'Brandon',
  'Kevin',
  'Uriel',
  'Axel',
  'Héctor',
  'Sebastián',
  'Christian',
  'Omar',
  'Rodrigo',
  'Daniel',
  'Francisco',
  'Raúl',
];
export const SURNAMES = [
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Cruz',
  'Flores',
  'Gómez',
  'Morales',
  'Vázquez',
  'Reyes',
  'Jiménez',
  'Torres',
  'Díaz',
  'Gutiérrez',
  'Ruiz',
  'Mendoza',
  'Aguilar',
  'Ortiz',
  'Moreno',
  'Castillo',
  'Romero',
  'Álvarez',
  'Méndez',
  'Chávez',
  'Rivera',
  'Juárez',
  'Ramos',
  'Domínguez',
  'Herrera',
  'Medina',
  'Castro',
  'Vargas',
  'Guzmán',
  'Velázquez',
  'Muñoz',
  'Rojas',
  'Contreras',
  'Salazar',
  'Luna',
  'Ortega',
  'Santiago',
  'Guerrero',
  'Estrada',
  'Bautista',
  'Cortés',
  'Soto',
  'Alvarado',
  'Espinoza',
  'Lara',
  'Ávila',
  'Ríos',
  'Cervantes',
  'Silva',
  'Delgado',
  'Vega',
];

export const DROPOUT_REASONS = [
  'economica',
  'bajo_rendimiento',
  'desinteres',
  'trabajo',
  'embarazo_o_cuidado',
  'cambio_de_domicilio',
  'salud',
  'otra',
] as const;

export const COMPETENCY_STANDARDS = [
  ['EC0076', 'Evaluación de la competencia de candidatos con base en estándares de competencia'],
  ['EC0217', 'Impartición de cursos de formación del capital humano de manera presencial grupal'],
  ['EC0301', 'Diseño de cursos de formación del capital humano de manera presencial grupal'],
  ['EC0105', 'Atención al ciudadano en el sector público'],
  ['EC0435', 'Prestación de servicios para la atención, cuidado y desarrollo integral de niñas y niños'],
  ['EC0586', 'Instalación de sistemas fotovoltaicos en residencia, comercio e industria'],
  ['EC0127', 'Preparación de alimentos'],
  ['EC0038', 'Atención a comensales'],
] as const;
